#!/usr/bin/env bash
# Publishes kiln as an installable directory with its code compiled ahead of time (ReadyToRun), so a run spends its
# time working rather than compiling: an image rebuild takes about 0.55 s instead of 0.9 s from `dotnet kiln.dll`.
# Usage: eng/publish.sh [--framework-dependent] [OUT]     (OUT defaults to dist/kiln; run OUT/kiln)
#   default                brings its own .NET runtime, compiled together with kiln (composite), so the machine that
#                          runs kiln needs no .NET, as on an air-gapped build host; about 160 MB
#   --framework-dependent  needs the .NET 10 runtime on that machine; about 60 MB, and about 10% slower to start
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--self-contained true -p:PublishReadyToRunComposite=true)
if [ "${1:-}" = "--framework-dependent" ]; then
  mode=(--self-contained false)
  shift
fi
out=${1:-dist/kiln}
# a private build tree each time: an incremental ReadyToRun publish over an earlier build has produced a kiln that aborts at start
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
rm -rf "$out"
dotnet publish src/Cli -c Release -r linux-x64 "${mode[@]}" -p:PublishReadyToRun=true -p:PublishDocumentationFiles=false \
  --artifacts-path "$build" -o "$out" -nologo >"$build/publish.log" 2>&1 || { cat "$build/publish.log" >&2; exit 1; }
"$out/kiln" version >/dev/null
echo "$out/kiln"
