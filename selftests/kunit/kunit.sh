#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Re-emit the results of the KUnit suites that ran at boot (the Rust doc
# tests among them) as TAP test cases, from /sys/kernel/debug/kunit.
. "$(dirname "$0")/../lib/ktap.sh"

dir=/sys/kernel/debug/kunit
suites=$(ls "$dir" 2>/dev/null)
if [ -z "$suites" ]; then
	ktap_print_header
	ktap_set_plan 1
	ktap_print_msg "kunit results present: $dir is empty or missing (CONFIG_KUNIT_DEBUGFS?)"
	ktap_test_fail "kunit results present"
	ktap_finished
fi

# Test cases are the 4-space-indented result lines of each suite's log.
cases=/tmp/kunit.cases
: > "$cases"
for s in $suites; do
	sed -n "s/^    \(\(not \)\{0,1\}ok\) [0-9]\{1,\} \(.*\)$/\1 $s.\3/p" \
		"$dir/$s/results" >> "$cases"
done
# The suites this project's patches add must be there, with at least this
# many cases over the series' files (doc tests of rwsem, idr, net/*, and the
# rust_kernel_idr suite): a case or a suite that silently disappears fails.
REQUIRED_SUITES="rust_doctests_kernel rust_kernel_idr"
SERIES_MIN=40
series=$(grep -cE '^[a-z ]+ (rust_doctests_kernel\.rust_doctest_kernel_(sync_rwsem|idr|net_namespace|net_pernet|net_proc)_rs_|rust_kernel_idr\.)' "$cases")
missing=
for s in $REQUIRED_SUITES; do
	[ -f "$dir/$s/results" ] || missing="$missing $s"
done
# A suite's own line (not indented) says whether it failed as a whole, for
# instance in its init, even with no failed case.
suite_failed=
for s in $suites; do
	grep -q "^not ok [0-9]* $s\$" "$dir/$s/results" && suite_failed="$suite_failed $s"
done

ktap_print_header
ktap_set_plan "$(($(wc -l < "$cases") + 3))"
if [ -z "$missing" ]; then
	ktap_test_pass "required suites present: $REQUIRED_SUITES"
else
	ktap_print_msg "required suites present: $REQUIRED_SUITES: missing:$missing"
	ktap_test_fail "required suites present: $REQUIRED_SUITES"
fi
if [ "$series" -ge "$SERIES_MIN" ]; then
	ktap_test_pass "the series' files have $series KUnit cases (at least $SERIES_MIN)"
else
	ktap_print_msg "the series' files have at least $SERIES_MIN KUnit cases: found $series"
	ktap_test_fail "the series' files have at least $SERIES_MIN KUnit cases"
fi
if [ -z "$suite_failed" ]; then
	ktap_test_pass "no suite failed as a whole"
else
	ktap_print_msg "no suite failed as a whole: failed:$suite_failed"
	ktap_test_fail "no suite failed as a whole"
fi
while read -r status rest; do
	case "$status" in
	ok) case "$rest" in
		*"# SKIP"*)
			ktap_print_msg "${rest%% # SKIP*}: skipped:${rest#*# SKIP}"
			ktap_test_skip "${rest%% # SKIP*}"
			;;
		*) ktap_test_pass "$rest" ;;
		esac ;;
	*) ktap_test_fail "${rest#ok }" ;;
	esac
done < "$cases"
ktap_finished
