#!/usr/bin/env bash
# Builds the real-node test cache (issue #19, docs/testing.md "Real nodes") and reuses it when its recipe is unchanged.
# Prints the cache directory on its last line.
#
#   rootfs/          Debian bookworm (debootstrap, from the bookworm mirror in this machine's apt sources) with systemd,
#                    containerd, runc, the CNI plugins, iptables and conntrack; the kubelet and kube-proxy from
#                    eng/k8s-testbin.sh; containerd and the units the test nodes need on these machines.
#   layers/NAME/     one image layer per control-plane component (layer.tar), from the same binaries; etcd is Debian's
#                    3.4 behind eng/node-base/etcd-shim; pause is built from the Kubernetes source's build/pause.
#   images/VERSION/  the layers as image archives `ctr images import` reads, named as `kiln config images list` names
#                    them for that kubernetesVersion (pause also under containerd's sandbox_image name).
#
# Usage: eng/node-base.sh [VERSION...]     (default v1.37.0, the version tests/Node.Tests uses)
#   KILN_NODE_CACHE (default /var/cache/kiln-node), KILN_TESTBIN_CACHE (eng/k8s-testbin.sh's),
#   KILN_PUBLISHED (the kiln that names the images; default: eng/publish.sh's output in a temporary directory)
# Each part has its own .recipe stamp: a changed recipe rebuilds that part (and what is made from it), an unchanged
# one is reused at once. Needs root (debootstrap, chroot).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cache=${KILN_NODE_CACHE:-/var/cache/kiln-node}
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(v1.37.0)
[ "$(id -u)" -eq 0 ] || { echo "node-base: needs root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

bin=$(eng/k8s-testbin.sh | tail -1)
packages=(systemd systemd-sysv dbus containerd runc containernetworking-plugins iptables conntrack iproute2 kmod procps
          ethtool socat)

need=()
for p in debootstrap golang-go gcc libc6-dev etcd-server; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

stamp() { sha256sum | cut -c1-16; }
# the bookworm mirror this machine's apt already uses (deb822 .sources or one-line .list); no mirror is named here
mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN{RS=""; FS="\n"} {t=u=s=c=""; for(i=1;i<=NF;i++){ if($i~/^Types:/)t=$i; if($i~/^URIs:/)u=$i; if($i~/^Suites:/)s=$i; if($i~/^Components:/)c=$i }
         if(t~/[ \t]deb([ \t]|$)/ && s~/[ \t]bookworm([ \t]|$)/ && c~/[ \t]main([ \t]|$)/){ sub(/^URIs:[ \t]*/,"",u); split(u,a,/[ \t]+/); print a[1]; exit } }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*main.*/\2/p' "$f"
  done
}

# ---- rootfs -------------------------------------------------------------------------------------------------------
unit() { mkdir -p "$(dirname "$1")"; cat > "$1"; }
configure_rootfs() {
  local r=$1
  # containerd: the CRI defaults, with the two changes these machines need (docs/testing.md, "Real nodes")
  chroot "$r" /usr/bin/containerd config default > "$r/etc/containerd/config.toml"
  sed -i -e 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' \
         -e 's/SystemdCgroup = false/SystemdCgroup = true/' \
         -e 's#bin_dir = "/opt/cni/bin"#bin_dir = "/usr/lib/cni"#' "$r/etc/containerd/config.toml"
  for want in 'restrict_oom_score_adj = true' 'SystemdCgroup = true' 'bin_dir = "/usr/lib/cni"'; do
    grep -qF "$want" "$r/etc/containerd/config.toml" || { echo "node-base: containerd config lacks: $want" >&2; return 1; }
  done
  mkdir -p "$r/etc/kiln-test" "$r/opt/kiln-test/images" "$r/etc/cni/net.d" "$r/etc/kubernetes/manifests"
  sed -n 's/^ *sandbox_image = "\(.*\)"/\1/p' "$r/etc/containerd/config.toml" > "$r/etc/kiln-test/sandbox-image"
  [ -s "$r/etc/kiln-test/sandbox-image" ] || { echo "node-base: no sandbox_image in containerd's config" >&2; return 1; }
  install -m 0755 "$bin/kubelet" "$bin/kube-proxy" "$r/usr/bin/"

  unit "$r/etc/systemd/system/kubelet.service" <<'U'
# The kubelet's unit as a kubelet package installs it: it starts at boot and restarts until kiln has written its config;
# kiln init/join restart it. The kubeadm drop-in beside it gives the command line.
[Unit]
Description=kubelet: The Kubernetes Node Agent
Wants=network-online.target
After=network-online.target containerd.service

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
U
  unit "$r/etc/systemd/system/kubelet.service.d/10-kubeadm.conf" <<'U'
# The drop-in a kubeadm package installs: the kubeconfigs, the config file and the flags kiln writes to
# /var/lib/kubelet/kubeadm-flags.env.
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
U
  unit "$r/etc/systemd/system/kubelet.service.d/20-kiln-test-v1.20.conf" <<'U'
# THE ONE PLACE where the test node adapts its v1.20.2 kubelet to what Kiln writes for v1.35+ kubelets
# (docs/testing.md, "Real nodes: where the test node differs"). Kiln's output is never changed for it.
# - The CRI endpoint: v1.27+ kubelets read KubeletConfiguration.containerRuntimeEndpoint (Kiln writes it there from
#   v1.34); v1.20 ignores that field and needs these two flags, or it looks for dockershim.
# Otherwise the command line is 10-kubeadm.conf's.
[Service]
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS --container-runtime=remote --container-runtime-endpoint=unix:///run/containerd/containerd.sock
U
  unit "$r/etc/systemd/system/kiln-cgroup-rw.service" <<'U'
# systemd-nspawn mounts the v1 cgroup controllers read-only; the kubelet and runc write to them. A fresh mount in the
# node's cgroup namespace is writable and rooted at the node's own subtree (docs/testing.md, "Real nodes").
[Unit]
Description=kiln test node: v1 cgroup controllers writable
DefaultDependencies=no
After=local-fs.target
Before=containerd.service kubelet.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'for c in cpu cpuacct cpuset memory devices freezer blkio pids; do umount -l /sys/fs/cgroup/$c 2>/dev/null; mkdir -p /sys/fs/cgroup/$c; mount -t cgroup -o $c cgroup /sys/fs/cgroup/$c || exit 1; done'

[Install]
WantedBy=sysinit.target
U
  unit "$r/etc/systemd/system/kiln-net.service" <<'U'
# The node's address on the test bridge (which has no host address; nothing leaves the machine), from
# /etc/kiln-test/node.env that the harness writes per node. The default route's gateway does not exist: installers look
# for a default route. 169.254/16 is unreachable so the kubelet's cloud probes fail at once instead of timing out.
# ip_forward=1 is per network namespace (the node's, not the host's): kubeadm's preflight requires it, as on any node.
[Unit]
Description=kiln test node: address on the test bridge
DefaultDependencies=no
Before=network.target network-online.target containerd.service kubelet.service

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/etc/kiln-test/node.env
ExecStart=/bin/sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward && ip link set lo up && ip link set host0 up && ip addr add "$KILN_TEST_ADDRESS" dev host0 && ip route add default via "$KILN_TEST_GATEWAY" dev host0 onlink && ip route add unreachable 169.254.0.0/16'

[Install]
WantedBy=sysinit.target
U
  unit "$r/etc/systemd/system/kiln-images.service" <<'U'
# The control-plane images, imported before the kubelet starts: eng/node-base.sh's archives, which the harness
# bind-mounts read-only at /opt/kiln-test/images. The one place images reach a test node.
[Unit]
Description=kiln test node: import the control-plane images
After=containerd.service
Requires=containerd.service
Before=kubelet.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'for i in /opt/kiln-test/images/*.tar; do [ -e "$i" ] || continue; /usr/bin/ctr -n k8s.io images import "$i" || exit 1; done'

[Install]
WantedBy=multi-user.target
U
  systemctl --root="$r" enable containerd.service kubelet.service kiln-cgroup-rw.service kiln-net.service kiln-images.service >&2
  systemctl --root="$r" mask console-getty.service getty@tty1.service systemd-firstboot.service >&2
  : > "$r/etc/machine-id"
  rm -f "$r/etc/hostname"
  echo 'nameserver 127.0.0.1' > "$r/etc/resolv.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' > "$r/etc/hosts"
  rm -rf "$r/var/cache/apt/archives/"*.deb "$r/var/lib/apt/lists/"* "$r/var/log/"*.log
}

rootfs_recipe=$( { echo r1 bookworm "${packages[*]}"; cat "$bin/.recipe"; declare -f configure_rootfs; } | stamp)
if [ "$(cat "$cache/rootfs/.recipe" 2>/dev/null)" != "$rootfs_recipe" ]; then
  url=$(mirror | head -1)
  [ -n "$url" ] || { echo "node-base: no Debian bookworm 'main' source in /etc/apt/sources.list*" >&2; exit 1; }
  echo "node-base: debootstrap bookworm from $url (a few minutes cold)" >&2
  new="$cache/rootfs.new"
  rm -rf "$new"
  mkdir -p "$cache/debs"
  include=$(IFS=,; echo "${packages[*]}")
  debootstrap --variant=minbase --include="$include" --cache-dir="$cache/debs" bookworm "$new" "$url" >&2 \
    || { tail -30 "$new/debootstrap/debootstrap.log" >&2 2>/dev/null; exit 1; }
  configure_rootfs "$new"
  echo "$rootfs_recipe" > "$new/.recipe"
  rm -rf "$cache/rootfs.old"
  [ -d "$cache/rootfs" ] && mv "$cache/rootfs" "$cache/rootfs.old"
  mv "$new" "$cache/rootfs"
  rm -rf "$cache/rootfs.old"
fi

# ---- layers -------------------------------------------------------------------------------------------------------
layer_tar() { tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$1" -cf "$2" .; }
build_layers() {
  local out=$1 work
  work=$(mktemp -d)
  mkdir "$work/bin"
  # etcd-shim: etcd 3.4's flag spellings and /livez,/readyz (eng/node-base/etcd-shim/main.go says why)
  (cd "$repo/eng/node-base/etcd-shim" && CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$cache/gocache" \
    go build -trimpath -ldflags=-s -o "$work/bin/etcd-shim" .)
  # pause from the Kubernetes source eng/k8s-testbin.sh unpacked
  local src
  src=$(find "${KILN_TESTBIN_CACHE:-/var/cache/kiln-testbin}/work" -maxdepth 5 -path '*build/pause/linux/pause.c' | head -1)
  [ -n "$src" ] || { echo "node-base: no build/pause/linux/pause.c under eng/k8s-testbin.sh's work tree" >&2; return 1; }
  gcc -Os -static -DVERSION=v3.6-kiln-test -o "$work/bin/pause" "$src"
  strip "$work/bin/pause"
  local c d
  for c in kube-apiserver kube-controller-manager kube-scheduler kube-proxy etcd pause; do
    d="$work/$c"
    mkdir -p "$d/etc" "$d/tmp"
    chmod 1777 "$d/tmp"
    echo 'root:x:0:0:root:/root:/sbin/nologin' > "$d/etc/passwd"
    case $c in
      pause) install -m 0755 "$work/bin/pause" "$d/pause"; echo /pause > "$work/$c.entrypoint" ;;
      etcd)
        install -D -m 0755 "$work/bin/etcd-shim" "$d/usr/local/bin/etcd"
        install -D -m 0755 /usr/bin/etcd "$d/usr/bin/etcd"
        install -D -m 0755 /usr/bin/etcdctl "$d/usr/bin/etcdctl"
        for lib in $(ldd /usr/bin/etcd | grep -o '/[^ ]*'); do install -D -m 0755 "$(readlink -f "$lib")" "$d$lib"; done
        : > "$work/$c.entrypoint" ;;
      *) install -D -m 0755 "$bin/$c" "$d/usr/local/bin/$c"; : > "$work/$c.entrypoint" ;;
    esac
    mkdir -p "$out/$c"
    layer_tar "$d" "$out/$c/layer.tar"
    cp "$work/$c.entrypoint" "$out/$c/entrypoint"
  done
  rm -rf "$work"
}
layers_recipe=$( { echo l1; cat "$bin/.recipe"; dpkg-query -W -f='${Version}' etcd-server; echo;
                   cat eng/node-base/etcd-shim/go.mod eng/node-base/etcd-shim/main.go; declare -f build_layers layer_tar; } | stamp)
if [ "$(cat "$cache/layers/.recipe" 2>/dev/null)" != "$layers_recipe" ]; then
  echo "node-base: building the image layers" >&2
  rm -rf "$cache/layers.new"
  mkdir -p "$cache/layers.new"
  build_layers "$cache/layers.new"
  echo "$layers_recipe" > "$cache/layers.new/.recipe"
  rm -rf "$cache/layers"
  mv "$cache/layers.new" "$cache/layers"
fi

# ---- images -------------------------------------------------------------------------------------------------------
# one docker-style archive (manifest.json, config, layer) per image; `ctr images import` reads it
image_archive() {
  local layer=$1 entrypoint=$2 out=$3 work ldig cdig ep=null tags
  shift 3
  work=$(mktemp -d)
  ldig=$(sha256sum "$layer" | cut -d' ' -f1)
  mkdir "$work/$ldig"
  ln "$layer" "$work/$ldig/layer.tar" 2>/dev/null || cp "$layer" "$work/$ldig/layer.tar"
  [ -n "$entrypoint" ] && ep="[\"$entrypoint\"]"
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Entrypoint":%s},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$ep" "$ldig" > "$work/config.json"
  cdig=$(sha256sum "$work/config.json" | cut -d' ' -f1)
  mv "$work/config.json" "$work/$cdig.json"
  tags=$(printf '"%s",' "$@")
  printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":["%s/layer.tar"]}]' "$cdig" "${tags%,}" "$ldig" > "$work/manifest.json"
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$out" manifest.json "$cdig.json" "$ldig"
  rm -rf "$work"
}
kiln=${KILN_PUBLISHED:-}
sandbox=$(cat "$cache/rootfs/etc/kiln-test/sandbox-image")
for v in "${versions[@]}"; do
  if [ -z "$kiln" ]; then
    kiln_dir=$(mktemp -d)
    trap 'rm -rf "$kiln_dir"' EXIT
    kiln=$(eng/publish.sh "$kiln_dir/kiln" | tail -1)
  fi
  names=$("$kiln" config images list --kubernetes-version "$v")
  images_recipe=$( { echo i1 "$sandbox"; cat "$cache/layers/.recipe"; echo "$names"; declare -f image_archive; } | stamp)
  dir="$cache/images/$v"
  [ "$(cat "$dir/.recipe" 2>/dev/null)" = "$images_recipe" ] && continue
  echo "node-base: image archives for $v" >&2
  rm -rf "$dir.new"
  mkdir -p "$dir.new"
  while read -r name; do
    component=${name##*/}
    component=${component%%:*}
    [ -d "$cache/layers/$component" ] || { echo "node-base: no layer for $name (not in the test node)" >&2; continue; }
    tags=("$name")
    [ "$component" = pause ] && [ "$sandbox" != "$name" ] && tags+=("$sandbox")
    image_archive "$cache/layers/$component/layer.tar" "$(cat "$cache/layers/$component/entrypoint")" "$dir.new/$component.tar" "${tags[@]}"
  done <<<"$names"
  echo "$names" > "$dir.new/images.txt"
  echo "$images_recipe" > "$dir.new/.recipe"
  rm -rf "$dir"
  mv "$dir.new" "$dir"
done
echo "$cache"
