#!/usr/bin/env bash
# The package's test target (part of `npm test`): the fuzz/fault/security/docs suite, then the upstream
# tier (the real openclaw@2026.9.6 beside Clawport, test/upstream; .ci/run installs it with setup.sh).
# A missing upstream install fails the tier loudly; it never skips. Both parts count in one summary.
set -uo pipefail
cd "$(dirname "$0")/.."
RESULTS=$PWD/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS/suite" "$RESULTS/upstream"
CLAWPORT_TEST_RESULTS=$RESULTS/suite npx mocha 'test/**/*.test.ts'
suite=$?
start=$(date +%s)
CLAWPORT_TEST_RESULTS=$RESULTS/upstream bash test/upstream/run.sh
upstream=$?
echo "upstream tier: $(( $(date +%s) - start )) s"
node ../mocha/sum-parts.mjs "$RESULTS" suite upstream
[ $suite -eq 0 ] && [ $upstream -eq 0 ]
