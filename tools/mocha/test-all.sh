#!/usr/bin/env bash
# The whole suite: build, every project's tests (streamed), then one closing line "N passed, N failed".
# Projects run one after another: integration tests bind real loopback ports and launch Chromium.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true FORCE_COLOR=0 NX_TUI=false OCLIF_SKIP_NEW_VERSION_CHECK=true
projects=$(node -e '
  const fs=require("fs");
  for (const dir of ["packages","apps","tools"]) for (const p of fs.readdirSync(dir).sort()) {
    const f=`${dir}/${p}/package.json`; if (fs.existsSync(f) && JSON.parse(fs.readFileSync(f)).scripts?.test) console.log(`${dir}/${p}`);
  }')
for p in $projects; do rm -rf "$p/test-results"; done
npx nx run-many -t build --output-style=stream
build=$?
status=0
if [ $build -ne 0 ]; then echo "build failed"; status=1; else
  npx nx run-many -t test --parallel=1 --output-style=stream
  status=$?
fi
node tools/mocha/summarize.mjs $projects
sum=$?
[ $status -eq 0 ] && exit $sum || exit $status
