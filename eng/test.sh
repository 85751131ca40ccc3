#!/usr/bin/env bash
# Runs every test project and ends with one plain line: "N passed, N failed[, N skipped]".
# Usage: eng/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
# the tests use real tools (openssl, etcd, kubectl); install the missing Debian packages (needs root) or say which
eng/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
# a real kube-apiserver, controller-manager and scheduler (v1.20.2 from Debian's source package), built once into a cache
KILN_TESTBIN=$(eng/k8s-testbin.sh | tail -1) || { echo "eng/k8s-testbin.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }
export KILN_TESTBIN
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
dotnet build Installer.sln -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
# the kiln users install (Native AOT, eng/publish.sh), published once for the tests that run it as a program
published=$(mktemp -d)
trap 'rm -rf "$published"' EXIT
KILN_PUBLISHED=$(eng/publish.sh "$published/kiln" | tail -1) || { echo "eng/publish.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }
export KILN_PUBLISHED
# the real-node tests' cache (Debian node tree, control-plane images named by this kiln), built once; it and the nodes
# need root: elsewhere tests/Node.Tests skip and say why
if [ "$(id -u)" -eq 0 ]; then
  eng/node-base.sh >/dev/null || { echo "eng/node-base.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
# one results directory per project: projects run side by side would otherwise race for the same TRX name
status=0
pids=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" "$@" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
passed=0 failed=0 skipped=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  [ -f "$results/$name/$name.trx" ] || { echo "no test results from $name (did its test host crash?)" >&2; failed=$((failed + 1)); }
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then echo "no test ran"; failed=1; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
