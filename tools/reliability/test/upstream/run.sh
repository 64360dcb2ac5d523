#!/usr/bin/env bash
# The upstream tier: the real OpenClaw gateway next to Clawport's, inside a loopback-only network
# namespace (upstream tries outbound requests at start; here nothing but 127.0.0.1 exists).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/upstream/setup.sh
exec unshare --net -- bash -c 'ip link set lo up && exec npx mocha "test/upstream/*.upstream.ts"'
