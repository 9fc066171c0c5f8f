#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Assemble the guest's initramfs for $ARCH:
#
#   scripts/initramfs.sh OUT.cpio.gz RUST_NETNS_KO LABDIR
#
# busybox-static as userspace plus the host programs busybox cannot stand in
# for (bash, iproute2, coreutils' date) with their shared libraries, /init
# from scripts/guest-init.sh, the module in /lib/modules, and LABDIR's
# contents under /lab (the installed kselftest tree in selftests/, helpers
# in bin/).
set -euo pipefail
umask 022
. "$(dirname "$0")/lib.sh"

out=${1:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO}
ko=${2:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO LABDIR}
labdir=${3:?usage: initramfs.sh OUT.cpio.gz RUST_NETNS_KO LABDIR}

rn_say "initramfs: assembling $ARCH userspace into ${out}"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# mktemp's 0700 would make / unusable to anyone but root: the tests run
# programs as an unprivileged user too (uid/gid 65534, as Debian's nobody).
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,dev,proc,sys,run,etc,lib/modules,lab/bin}
mkdir -m 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' \
	>"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
install -m 0755 "$(rn_guest_busybox)" "$root/bin/busybox"
install -m 0755 "$RN_ROOT/scripts/guest-init.sh" "$root/init"
install -m 0644 "$ko" "$root/lib/modules/rust_netns.ko"
cp -a "$labdir/." "$root/lab/"

# A host program, in /usr/bin, with the shared libraries it loads at the
# paths it loads them from.
copy_host_prog() {
	local path lib
	path=$(type -P "$1") || rn_die "host program $1 is missing (make setup)"
	install -m 0755 "$(readlink -f "$path")" "$root/usr/bin/$1"
	for lib in $(ldd "$path" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# A foreign guest's program from its unpacked packages, in /usr/bin; their
# libraries are copied whole below (no ldd for a foreign binary).
copy_sysroot_prog() {
	local d
	for d in usr/bin bin usr/sbin sbin; do
		if [[ -x $GUEST_SYSROOT/$d/$1 && ! -L $GUEST_SYSROOT/$d/$1 ]]; then
			install -m 0755 "$GUEST_SYSROOT/$d/$1" "$root/usr/bin/$1"
			return
		fi
	done
	rn_die "$1 is not in $GUEST_SYSROOT (make setup ARCH=$ARCH)"
}

if rn_native; then
	for prog in $(rn_guest_progs); do
		copy_host_prog "$prog"
	done
else
	for prog in $(rn_guest_progs); do
		copy_sysroot_prog "$prog"
	done
	for d in lib usr/lib; do
		[[ -d $GUEST_SYSROOT/$d ]] || continue
		mkdir -p "$root/$d"
		(cd "$GUEST_SYSROOT/$d" && find . \( -name '*.so*' -o -name "ld-linux*" \) \
			-print0 | cpio --null -pdm --quiet "$root/$d")
	done
fi
# Scripts say #!/bin/bash.
[[ -e $root/usr/bin/bash ]] && ln -s /usr/bin/bash "$root/bin/bash"
# /dev/console comes from the kernel's built-in initramfs, which is unpacked
# before this one: no device node (and so no root) is needed here.
tmp=$out.tmp
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$tmp"
mv "$tmp" "$out"
