#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and kube-proxy v1.20.2 from Debian's `kubernetes`
# source package (the only route to a real apiserver on these machines; see docs/testing.md) into a cache
# outside the repo, and reuses them when they are there. Prints the bin directory on its last line.
#
# Usage: eng/k8s-testbin.sh            (cache: $KILN_TESTBIN_CACHE, default /var/cache/kiln-testbin)
# The deb-src entries are derived from the machine's own apt sources; apt's configuration is not touched.
set -euo pipefail
cache=${KILN_TESTBIN_CACHE:-/var/cache/kiln-testbin}
bin="$cache/v1.20.2/bin"
wanted=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)
# what the cache holds; a different recipe rebuilds it. scheduler-livez-readyz: the v1.20 scheduler serves only /healthz,
# and wait-control-plane (kubeadm v1.33+, every minor Kiln supports) asks its /livez; the test build adds the handlers
recipe="r2 ${wanted[*]} scheduler-livez-readyz"

have_all() {
  [ "$(cat "$bin/.recipe" 2>/dev/null)" = "$recipe" ] || return 1
  for b in "${wanted[@]}"; do [ -x "$bin/$b" ] || return 1; done
}
if have_all; then echo "$bin"; exit 0; fi

need=()
for p in golang-go rsync jq dpkg-dev make; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "k8s-testbin: missing Debian packages: ${need[*]}" >&2; exit 1; }
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

work="$cache/work"
apt_dir="$cache/apt"
mkdir -p "$work" "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"

# deb-src twins of the machine's enabled Debian sources (deb822 files and one-line lists)
{
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed -e 's/^Types:.*/Types: deb-src/' "$f"
    echo
  done
} > "$apt_dir/sources/kiln-src.sources"
{
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f"
  done
} > "$apt_dir/sources/kiln-src.list"
apt_opts=(-o Dir::Etc::SourceList="$apt_dir/sources/kiln-src.list"
          -o Dir::Etc::SourceParts="$apt_dir/sources"
          -o Dir::State::Lists="$apt_dir/lists"
          -o Dir::Cache="$apt_dir/cache")

tree=$(find "$work" -maxdepth 1 -type d -name 'kubernetes-*' | head -1)
if [ -z "$tree" ]; then
  apt-get "${apt_opts[@]}" -qq update >&2
  (cd "$work" && apt-get "${apt_opts[@]}" source --download-only kubernetes >&2)
  orig=$(find "$work" -maxdepth 1 -name 'kubernetes_*.orig.tar.*' | head -1)
  [ -n "$orig" ] || { echo "k8s-testbin: apt-get source kubernetes gave no orig tarball" >&2; exit 1; }
  mkdir -p "$work/kubernetes-src"
  tar -xf "$orig" -C "$work/kubernetes-src" --strip-components=1
  tree="$work/kubernetes-src"
fi

echo "k8s-testbin: building ${wanted[*]} v1.20.2 in $tree (about 6 minutes cold)" >&2
(
  cd "$tree"
  sched=cmd/kube-scheduler/app/server.go
  grep -q InstallLivezHandler "$sched" || sed -i 's/^\(\s*\)healthz.InstallHandler(pathRecorderMux, checks...)$/&\n\1healthz.InstallLivezHandler(pathRecorderMux, checks...)\n\1healthz.InstallReadyzHandler(pathRecorderMux, checks...)/' "$sched"
  grep -q InstallLivezHandler "$sched" || { echo "k8s-testbin: could not add /livez to $sched" >&2; exit 1; }
  export GOPROXY=off GOFLAGS=-mod=vendor KUBE_GIT_VERSION=v1.20.2 KUBE_BUILD_PLATFORMS=linux/amd64
  export GOCACHE="$cache/gocache" GOPATH="$cache/gopath"
  make WHAT="${wanted[*]/#/cmd/}" >&2
)
mkdir -p "$bin"
for b in "${wanted[@]}"; do install -m 0755 "$tree/_output/local/bin/linux/amd64/$b" "$bin/$b"; done
echo "$recipe" > "$bin/.recipe"
have_all
echo "$bin"
