# Sourced by offline-images.sh and arm64-image.sh: the root file system of a busybox image.
# busybox_root BUSYBOX ROOT: copies the static BUSYBOX into ROOT/bin with a link per applet (the
# binary must run here, natively or through QEMU, to list them), plus /etc/passwd, /etc/group
# and a world-writable /tmp.
busybox_root() {
  mkdir -p "$2/bin" "$2/tmp" "$2/etc"
  cp "$1" "$2/bin/busybox"
  for applet in $("$2/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$2/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$2/etc/passwd"
  echo 'root:x:0:' >"$2/etc/group"
  chmod 1777 "$2/tmp"
}
