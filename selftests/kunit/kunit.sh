#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Re-emit the results of the KUnit suites that ran at boot (the Rust doc
# tests among them) as TAP test cases, from /sys/kernel/debug/kunit.
. "$(dirname "$0")/../lib/ktap.sh"

dir=/sys/kernel/debug/kunit
suites=$(ls "$dir" 2>/dev/null)
if [ -z "$suites" ]; then
	ktap_plan 1
	ktap_fail "kunit results present" "$dir is empty or missing (CONFIG_KUNIT_DEBUGFS?)"
	ktap_finish
fi

# Test cases are the 4-space-indented result lines of each suite's log.
cases=/tmp/kunit.cases
: > "$cases"
for s in $suites; do
	sed -n "s/^    \(\(not \)\{0,1\}ok\) [0-9]\{1,\} \(.*\)$/\1 $s.\3/p" \
		"$dir/$s/results" >> "$cases"
done
ktap_plan "$(wc -l < "$cases")"
while read -r status rest; do
	case "$status" in
	ok) case "$rest" in
		*"# SKIP"*) ktap_skip "${rest%% # SKIP*}" "${rest#*# SKIP}" ;;
		*) ktap_ok "$rest" ;;
		esac ;;
	*) ktap_fail "${rest#ok }" ;;
	esac
done < "$cases"
ktap_finish
