#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The lab's jobs, for $ARCH:
#
#   scripts/lab.sh check   debug kernel: selftests + Rust doc tests (KUnit)
#   scripts/lab.sh run     base kernel: boot, insmod, unshare -n timing table
#
# Each builds (or finds cached) the kernel, builds rust_netns.ko against it,
# assembles the initramfs, boots QEMU and judges the console with tap.py.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: lab.sh check|run}
case "$mode" in
check)
	flavor=debug
	suites=rust_netns/module.sh,rust_netns/peers.sh,rust_netns/stress.sh,nsid/nsid.sh,upstream/upstream.sh,kunit/kunit.sh
	quiet=-q
	;;
run)
	flavor=base
	suites=lab/timing.sh
	quiet=
	;;
*) rn_die "unknown job '$mode' (check|run)" ;;
esac

start=$SECONDS
O=$("$RN_ROOT/scripts/kernel.sh" "$flavor" | tail -n1)

# rust_netns.ko for this kernel, built from a copy of the sources: the
# pinned 6.12 kbuild writes module output beside the sources, and each
# kernel needs its own.
mod=$O/rust_netns-module
rn_say "module: building rust_netns.ko for $ARCH/$flavor"
mkdir -p "$mod"
cp "$RN_ROOT/Kbuild" "$RN_ROOT"/*.rs "$mod/"
make -s -C "$O" M="$mod" ARCH="$KARCH" "${RN_KMAKE_VARS[@]}" modules \
	>"$mod/build.log" 2>&1 || {
	cat "$mod/build.log" >&2
	rn_die "rust_netns.ko failed to build"
}

# What goes to /lab in the guest: the selftests' C helpers in bin/, and in
# upstream/ the kernel's own netns selftests, taken from the pinned source
# (never committed), scripts as they are and C programs built static.
extra=$O/lab-extra
rm -rf "$extra"
mkdir -p "$extra/bin" "$extra/upstream"
guest_cc() { "$GUEST_CC" -static -O2 -Wall -Wextra -Werror "$@"; }
for c in "$RN_ROOT"/selftests/*/*.c; do
	[[ -e $c ]] || continue
	guest_cc -o "$extra/bin/$(basename "$c" .c)" "$c"
done
kst=$O/source/tools/testing/selftests
for t in net/lib.sh net/netns-name.sh net/netns-sysctl.sh; do
	[[ -f $kst/$t ]] && install -m 0755 "$kst/$t" "$extra/upstream/"
done
for c in net/so_netns_cookie.c nsfs/owner.c nsfs/pidns.c; do
	"$GUEST_CC" -static -O2 -w -o "$extra/upstream/$(basename "$c" .c)" "$kst/$c"
done

initrd=$O/lab-initramfs.cpio.gz
"$RN_ROOT/scripts/initramfs.sh" "$initrd" "$mod/rust_netns.ko" "$extra"

log=$O/console-$mode.log
rc=0
"$RN_ROOT/scripts/qemu.sh" $quiet "$O/$KIMAGE" "$initrd" "$log" \
	"lab_suites=$suites" || rc=$?
if [[ -n $quiet ]]; then
	# The guest's TAP, without the kernel's messages.
	sed -n '/^rust-netns-lab: begin/,/^rust-netns-lab: exit/p' "$log" | tr -d '\r'
fi
rn_say "lab: $mode on $ARCH took $((SECONDS - start)) s; console: $log"
"$RN_ROOT/scripts/tap.py" "$log" && ((rc == 0))
