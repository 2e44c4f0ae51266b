#!/bin/sh
# Builds busybox:latest locally from Debian's busybox-static, for machines that cannot pull images.
# Usage: scripts/offline-images.sh [--force]
set -eu
. "$(dirname "$0")/busybox-root.sh"

image=busybox:latest
if [ "${1:-}" != "--force" ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "offline-images: $image is already present"
  exit 0
fi

busybox=/bin/busybox
[ -x "$busybox" ] || busybox=/usr/bin/busybox
if [ ! -x "$busybox" ] || ! ldd "$busybox" 2>&1 | grep -q "not a dynamic"; then
  echo "offline-images: need a static busybox; install it with: apt-get install -y busybox-static" >&2
  exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
busybox_root "$busybox" "$root"
tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' - "$image" >/dev/null
echo "offline-images: built $image from $busybox"
