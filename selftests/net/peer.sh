# SPDX-License-Identifier: GPL-2.0
# The peer suites' one runner, sourced by fib6.sh and nexthops6.sh, with
# ../lib/ktap.sh.
#
# peer_run SCRIPT TESTS [SKIP_LINE]: run the pinned tree's SCRIPT (beside
# this file) with -t TESTS and print its output; fail unless it ran some
# cases, failed none and exited 0.  Skips fail too, except one whose
# SCRIPT printed SKIP_LINE, a missing tool's: SCRIPT then exits with
# ksft_skip (4), which is taken as 0.
peer_run() {
	local script=$1 tests=$2 skip_line=${3-} out rc passed failed skipped tools=0

	out=$("./$script" -t "$tests" 2>&1)
	rc=$?
	echo "$out"
	passed=$(echo "$out" | sed -n 's/^Tests passed: *\([0-9]*\)$/\1/p')
	failed=$(echo "$out" | sed -n 's/^Tests failed: *\([0-9]*\)$/\1/p')
	skipped=$(echo "$out" | sed -n 's/^Tests skipped: *\([0-9]*\)$/\1/p')
	[ -z "$skip_line" ] || tools=$(echo "$out" | grep -cxF "$skip_line")
	[ "$rc" -ne 4 ] || [ "${skipped:-0}" = 0 ] || rc=0
	if [ "$rc" -ne 0 ] || [ -z "$passed" ] || [ "$passed" -eq 0 ] ||
	   [ "$failed" != 0 ] || [ "${skipped:-0}" -gt "$tools" ] || [ "$tools" -gt 1 ]; then
		echo "$script: exit $rc, ${passed:-no} cases passed, ${failed:-no count of} failed, ${skipped:-no count of} skipped"
		return 1
	fi
}

# peer_modes SCRIPT TESTS [SKIP_LINE]: peer_run once per lab mode, each a
# KTAP case: with the kernel's own code, and, where the kernel has the
# lab's netns/mainline switch, with mainline's code paths, so that the
# suite passes before and after the series' changes in one boot.  The
# suite's output goes to the console as diagnostics either way.
peer_modes() {
	local mode name out rc

	lab_modes_begin 1
	for mode in $MODES; do
		lab_mode "$mode"
		name="$1 -t \"$2\", netns/mainline=$mode"
		out=$(peer_run "$@")
		rc=$?
		printf '%s\n' "$out" | sed 's/^/# /'
		if [ "$rc" -eq 0 ]; then
			ktap_test_pass "$name"
		else
			ktap_test_fail "$name"
		fi
	done
	ktap_finished
}
