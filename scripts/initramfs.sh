#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Assemble the guest's initramfs for $ARCH:
#
#   scripts/initramfs.sh OUT.cpio.gz RUST_NETNS_KO BINDIR
#
# busybox-static as userspace, /init from scripts/guest-init.sh, the module in
# /lib/modules, selftests/ in /lab/selftests and the programs in BINDIR (the
# selftests' helpers, built for the guest) in /lab/bin.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO}
ko=${2:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO BINDIR}
bindir=${3:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO BINDIR}

rn_say "initramfs: assembling $ARCH userspace into ${out}"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,lib/modules,lab/bin}
install -m 0755 "$(rn_guest_busybox)" "$root/bin/busybox"
install -m 0755 "$RN_ROOT/scripts/guest-init.sh" "$root/init"
install -m 0644 "$ko" "$root/lib/modules/rust_netns.ko"
cp -a "$RN_ROOT/selftests" "$root/lab/selftests"
cp -a "$bindir/." "$root/lab/bin/"
# /dev/console comes from the kernel's built-in initramfs, which is unpacked
# before this one: no device node (and so no root) is needed here.
tmp=$out.tmp
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$tmp"
mv "$tmp" "$out"
