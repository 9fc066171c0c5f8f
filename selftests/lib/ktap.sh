# SPDX-License-Identifier: GPL-2.0
# TAP for the rust_netns selftests: kselftest's own ktap_helpers.sh
# (installed beside them from the pinned tree by selftests/Makefile), and
# net/lib.sh for its slowwait/busywait; plus helpers they lack:
#
#   ktap_result NAME CMD...   ok when CMD succeeds; else not ok, with CMD's
#                             output (and the command) as diagnostics.
#   lab_switch_begin PLAN     the prologue of a test run through the lab's
#                             netns/mainline switch (below).
#   lab_modes_begin PLAN [EXTRA]
#                             the same for a test that also runs on a
#                             kernel without the switch (below).
#
# ktap_helpers.sh's ktap_test_result runs an unquoted $@ and drops the
# output, which is the reason the tests need to fail.
_ksft=$(dirname "${BASH_SOURCE[0]}")/..
. "$_ksft/kselftest/ktap_helpers.sh"
. "$_ksft/net/lib.sh"

ktap_result() {
	local name=$1 out rc
	shift
	if out=$("$@" 2>&1); then
		ktap_test_pass "$name"
	else
		rc=$?
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
		ktap_print_msg "$name: exit status $rc: $*"
		ktap_test_fail "$name"
	fi
}

# lab_switch_begin PLAN: the prologue of a test that compares the series
# with mainline in one boot, through the lab's netns/mainline switch:
# SWITCH, OUT (a scratch directory) and NS (for the namespace the test
# makes), all undone at exit (lab_switch_end); the KTAP header; a skip
# when the kernel has no switch (not a kernel with the lab series); then
# the plan.
lab_switch_begin() {
	_lab_begin
	if [ ! -w "$SWITCH" ]; then
		ktap_skip_all "no $SWITCH: not a kernel with the lab series"
		exit "$KSFT_SKIP"
	fi
	ktap_set_plan "$1"
}

# lab_modes_begin PLAN [EXTRA]: as lab_switch_begin, for a test whose
# cases check behaviour that any kernel must have, run once per mode in
# MODES: "N" (the kernel's own code) and, where the switch is, "Y"
# (mainline's code paths).  Without the switch it runs in "N" alone and
# says so, rather than skip.  The plan is PLAN cases per mode plus EXTRA.
lab_modes_begin() {
	_lab_begin
	MODES=N
	if [ -w "$SWITCH" ]; then
		MODES="N Y"
	else
		ktap_print_msg "no $SWITCH: this kernel's own code only"
	fi
	set -- "$1" "${2:-0}" $MODES
	ktap_set_plan $(($1 * ($# - 2) + $2))
}

# lab_mode MODE: run what follows in MODE, where the kernel has the switch.
lab_mode() {
	[ ! -w "$SWITCH" ] || echo "$1" >"$SWITCH"
}

_lab_begin() {
	SWITCH=/sys/kernel/debug/netns/mainline
	OUT=$(mktemp -d)
	NS=
	trap lab_switch_end EXIT
	ktap_print_header
}

lab_switch_end() {
	[ -z "$NS" ] || ip netns del "$NS" 2>/dev/null
	[ ! -w "$SWITCH" ] || echo N >"$SWITCH"
	rm -rf "$OUT"
}
