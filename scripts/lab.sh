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
# Each boot: name|kernel arguments|suites|splat the boot must show (regex).
case "$mode" in
check)
	flavor=debug
	quiet=-q
	boots=(
		"main||rust_netns/module.sh,rust_netns/peers.sh,rust_netns/stress.sh,nsid/nsid.sh,nsid/many.sh,upstream/upstream.sh,kunit/kunit.sh|"
		"per-net|netns_unhash=per-net|nsid/nsid.sh,nsid/many.sh|"
		"legacy|netns_locking=legacy|nsid/nsid.sh,nsid/many.sh|"
		"legacy-per-net|netns_locking=legacy netns_unhash=per-net|nsid/many.sh|"
		"rtnl-assert|netns_test_rtnl_unhash|nsid/nsid.sh|WARNING: .* net/core/net_namespace\.c:"
	)
	;;
run)
	flavor=base
	quiet=
	boots=("run||lab/timing.sh|")
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

# Boot once per entry; judge each console; add up the test cases.
failed_boots=()
total=(0 0 0)
for boot in "${boots[@]}"; do
	IFS='|' read -r name args suites splat <<<"$boot"
	log=$O/console-$mode-$name.log
	rn_say "lab: boot '$name'${args:+ ($args)}: $suites"
	rc=0
	"$RN_ROOT/scripts/qemu.sh" $quiet "$O/$KIMAGE" "$initrd" "$log" \
		$args "lab_suites=$suites" || rc=$?
	if [[ -n $quiet ]]; then
		# The guest's TAP, without the kernel's messages.
		sed -n '/^rust-netns-lab: begin/,/^rust-netns-lab: exit/p' "$log" |
			tr -d '\r' | grep -v '^\['
	fi
	judge=("$RN_ROOT/scripts/tap.py" "$log")
	[[ -n $splat ]] && judge+=(--expect-splat "$splat")
	verdict=$("${judge[@]}") || rc=1
	printf '%s\n' "$verdict" | sed "s/^/[$name] /"
	read -r p _ f _ k _ <<<"$(tail -n1 <<<"$verdict")"
	total=($((total[0] + p)) $((total[1] + f)) $((total[2] + k)))
	((rc == 0)) || failed_boots+=("$name")
done
rn_say "lab: $mode on $ARCH took $((SECONDS - start)) s; consoles: $O/console-$mode-*.log"
if ((${#failed_boots[@]})); then
	echo "FAILED boots: ${failed_boots[*]}"
	((total[1] > 0)) || total[1]=${#failed_boots[@]}
fi
echo "${total[0]} passed, ${total[1]} failed, ${total[2]} skipped"
((${#failed_boots[@]} == 0))
