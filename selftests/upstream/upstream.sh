#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The peer suite: network-namespace selftests from the pinned kernel's own
# tools/testing/selftests, which nobody here wrote, run on the same test
# kernel.  The lab copies them (and builds the C ones) into /lab/upstream
# at build time.  kselftest exit codes: 0 pass, 4 skip, anything else fail.
. "$(dirname "$0")/../lib/ktap.sh"

UP=/lab/upstream
TESTS="netns-name.sh netns-sysctl.sh so_netns_cookie owner pidns"

ktap_plan 5
for t in $TESTS; do
	if [ ! -x "$UP/$t" ]; then
		ktap_fail "$t" "missing from /lab/upstream: the lab did not copy or build it"
		continue
	fi
	out=$(cd "$UP" && "./$t" 2>&1)
	rc=$?
	[ -n "$out" ] && printf '%s\n' "$out" | sed "s/^/# $t: /"
	case $rc in
	0) ktap_ok "$t" ;;
	4) ktap_skip "$t" "the test skipped itself (exit 4; its output is above)" ;;
	*) ktap_fail "$t" "exit status $rc" ;;
	esac
done
ktap_finish
