#!/bin/sh
# Lets this machine run linux/arm64 containers and builds busybox:arm64 offline, from Debian's
# busybox-static:arm64: installs qemu-user-static, registers its aarch64 binfmt handler (with the
# F flag, so it also works inside containers), and imports the image into Docker.
# Usage (as root, on Debian 12): scripts/arm64-image.sh [--force]
set -eu
. "$(dirname "$0")/busybox-root.sh"

image=busybox:arm64
handler=/proc/sys/fs/binfmt_misc/qemu-aarch64

if [ ! -f /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
  echo "arm64-image: installing qemu-user-static"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq qemu-user-static >/dev/null
fi
if [ ! -f /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -f "$handler" ]; then
  grep -v '^#' /usr/lib/binfmt.d/qemu-aarch64.conf | grep . >/proc/sys/fs/binfmt_misc/register
  echo "arm64-image: registered the qemu-aarch64 binfmt handler"
fi

if [ "${1:-}" != "--force" ] &&
  [ "$(docker image inspect --format '{{.Architecture}}' "$image" 2>/dev/null)" = arm64 ]; then
  echo "arm64-image: $image is already present"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # apt-get download runs as _apt
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get update -qq
fi
(cd "$work" && apt-get download -qq busybox-static:arm64)
dpkg-deb -x "$work"/busybox-static_*_arm64.deb "$work/deb"
root="$work/root"
# QEMU is registered above, so the arm64 busybox lists its own applets.
busybox_root "$work/deb/bin/busybox" "$root"

# docker import --platform does not set the architecture on every engine (20.10 keeps the host's),
# so load an image archive whose config says arm64.
archive="$work/image"
mkdir -p "$archive"
tar -C "$root" -cf "$archive/layer.tar" .
diff_id=$(sha256sum "$archive/layer.tar" | cut -d' ' -f1)
cat >"$archive/config.json" <<JSON
{"architecture":"arm64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
config_id=$(sha256sum "$archive/config.json" | cut -d' ' -f1)
mv "$archive/config.json" "$archive/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$config_id" "$image" \
  >"$archive/manifest.json"
tar -C "$archive" -c . | docker load >/dev/null
echo "arm64-image: built $image from busybox-static:arm64"
