#!/usr/bin/env bash
# The upstream tier: the real OpenClaw gateway next to Clawport's, inside a loopback-only network
# namespace (upstream tries outbound requests at start; here nothing but 127.0.0.1 exists).
# It does not install upstream (test/upstream/setup.sh does, .ci/run calls it): without the install
# the tier's first hook fails naming the command to run.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec unshare --net -- bash -c 'ip link set lo up && exec npx mocha "test/upstream/*.upstream.ts"'
