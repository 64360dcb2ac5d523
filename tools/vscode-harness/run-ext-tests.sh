#!/usr/bin/env bash
# Runs an extension's mocha suite inside a real VS Code extension host (code-server 1.139.1 on Node 24),
# with the extension loaded in development mode, driven by headless Debian Chromium.
# usage: EXT_DIR=/abs/ext [EXT_TESTS_PATH=/abs/out/test/suite/index] [SHOT_DIR=/abs/dir]
#        [EXT_PASS_ENV=VAR1,VAR2] [EXT_TEST_*=...] bash tools/vscode-harness/run-ext-tests.sh
# Exit code: the extension host's (0 = every test passed), 10 = harness missing, 3 = timeout, 4 = driver error.
# SHOT_DIR: the suite may ask the driver for screenshots mid-run (see drive.mjs, "screenshot handshake").
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TOOLS=${CLAWPORT_HARNESS:-$HOME/.cache/clawport-vscode-harness}
EXT_DIR=${EXT_DIR:?absolute path of the extension}
CS_BIN="$TOOLS/cs/node_modules/.bin/code-server"
if ! ls "$TOOLS"/.installed-* >/dev/null 2>&1 || [ ! -x "$CS_BIN" ]; then
  echo "vscode harness missing in $TOOLS: run 'bash tools/vscode-harness/setup.sh' first (it installs code-server + Node 24, ~2 min)" >&2
  exit 10
fi
mkdir -p "$TOOLS/runs"
WORK=$(mktemp -d "$TOOLS/runs/r.XXXXXX")   # short path: VS Code's unix sockets live in $WORK/tmp (≤ 107 bytes)
PORT=${PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
export PATH="$TOOLS/node24/node_modules/node/bin:$PATH"
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data XDG_CACHE_HOME=$WORK/xdg/cache
# A dead loopback gallery keeps the server from calling open-vsx.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item","resourceUrlTemplate":"http://127.0.0.1:9/{publisher}/{name}/{version}/{path}"}'
mkdir -p "$WORK/ud/User" "$WORK/ws" "$WORK/tmp"
export TMPDIR=$WORK/tmp   # IPC sockets and the Chromium profile land here, not in /tmp
cat > "$WORK/ud/User/settings.json" <<'JSON'
{ "telemetry.telemetryLevel": "off", "workbench.startupEditor": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "update.mode": "none", "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden", "workbench.tips.enabled": false, "git.enabled": false,
  "workbench.colorTheme": "Default Dark Modern" }
JSON
# enable-smoke-test-driver: without it the built web workbench silently ignores extensionDevelopmentPath/extensionTestsPath.
setsid "$CS_BIN" --auth none --bind-addr 127.0.0.1:$PORT \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened --user-data-dir "$WORK/ud" --extensions-dir "$WORK/exts" \
  --vscode-option enable-smoke-test-driver "$WORK/ws" > "$WORK/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill -- -$CS_PID 2>/dev/null; wait $CS_PID 2>/dev/null; [ -n "${KEEP_RUN:-}" ] || rm -rf "$WORK"' EXIT
for _ in $(seq 1 160); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.25; done
export CS_URL=http://127.0.0.1:$PORT EXT_DIR WS_DIR=$WORK/ws HARNESS_MODULES="$TOOLS/cs/node_modules"
node "$HERE/drive.mjs" test
rc=$?
if [ $rc -ne 0 ]; then echo "--- code-server log (KEEP_RUN=1 keeps $WORK):"; tail -20 "$WORK/code-server.log"; fi
exit $rc
