#!/usr/bin/env bash
# Installs the real upstream OpenClaw for the upstream tier: Node 24 and openclaw@2026.9.6, both from
# npm, into a cache outside the repo (default ~/.cache/clawport-upstream). Idempotent: a stamp file marks
# a finished install; later runs only check it. openclaw needs Node >=24.16: on an older Node npm
# silently installs the empty placeholder openclaw@0.0.1, hence --engine-strict with Node 24 first on PATH.
set -euo pipefail
CACHE=${CLAWPORT_UPSTREAM:-$HOME/.cache/clawport-upstream}
NODE_VERSION=24.21.0
OPENCLAW_VERSION=2026.9.6
STAMP="$CACHE/.installed-node$NODE_VERSION-openclaw$OPENCLAW_VERSION"
mkdir -p "$CACHE/node24" "$CACHE/pkg"
exec 9>"$CACHE/.setup.lock"
flock 9
if [ -f "$STAMP" ]; then echo "upstream: ready in $CACHE"; exit 0; fi
if [ ! -x "$CACHE/node24/node_modules/node/bin/node" ]; then
  (cd "$CACHE/node24" && { [ -f package.json ] || echo '{"private":true}' > package.json; } && npm install --no-audit --no-fund "node@$NODE_VERSION")
fi
NODE24_BIN="$CACHE/node24/node_modules/node/bin"
(cd "$CACHE/pkg" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
  PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund --engine-strict "openclaw@$OPENCLAW_VERSION")
got=$(node -p "require('$CACHE/pkg/node_modules/openclaw/package.json').version")
[ "$got" = "$OPENCLAW_VERSION" ] || { echo "upstream: installed openclaw $got, expected $OPENCLAW_VERSION" >&2; exit 1; }
touch "$STAMP"
echo "upstream: installed openclaw $OPENCLAW_VERSION on Node $NODE_VERSION in $CACHE"
