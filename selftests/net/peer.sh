# SPDX-License-Identifier: GPL-2.0
# The peer suites' one runner, sourced by fib6.sh and nexthops6.sh.
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
