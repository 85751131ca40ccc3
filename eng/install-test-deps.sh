#!/usr/bin/env bash
# Installs the Debian packages the tests use, only when one is missing.
set -euo pipefail
# clang and zlib1g-dev build the Native AOT kiln (eng/publish.sh) that the tests also run
# systemd-container (systemd-nspawn) and debootstrap: the real-node tests' nodes and their tree (eng/node-base.sh)
# containerd: started by the CRI preflight tests with their own state dir and socket (TestKit's RealContainerd), never
# as the host's service
packages=(openssl etcd-server etcd-client e2fsprogs fdisk gdisk qemu-utils tmux clang zlib1g-dev systemd-container debootstrap containerd)
# a command the tests run, and the Debian package that provides it when the machine lacks it
commands=("kubectl:kubernetes-client")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for pair in "${commands[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# the package enables and starts containerd.service where systemd runs: a runtime on the host's default socket would
# change what the preflight tests see, so the host's service stays off
if [[ " ${missing[*]} " == *" containerd "* ]] && [ -d /run/systemd/system ]; then
  systemctl disable --now containerd.service >/dev/null 2>&1 || true
fi
