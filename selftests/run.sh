#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kselftest-style runner: run.sh SUITE/TEST...  Each test's TAP is nested
# under "# ", each test gets the timeout from its directory's settings file,
# and the runner's own TAP has one result per test.  Exit status 4 is a
# skip, as in kselftest.
#
# Each test runs in its own process group (setsid), and a timeout kills the
# whole group: killing the script alone would leave its background children
# holding the output pipe open, and the boot would hang until the host's
# limit, losing every later suite.
cd "$(dirname "$0")" || exit 1
[ $# -gt 0 ] || { echo "Bail out! no suites given (lab_suites=)"; exit 1; }

echo "TAP version 13"
echo "1..$#"
n=0
failed=0
for t in "$@"; do
	n=$((n + 1))
	timeout=45
	settings="$(dirname "$t")/settings"
	[ -f "$settings" ] && timeout=$(sed -n 's/^timeout=//p' "$settings")
	echo "# selftests: $t"
	if [ ! -x "$t" ]; then
		echo "not ok $n selftests: $t # no such test"
		failed=$((failed + 1))
		continue
	fi
	rm -f /tmp/run.rc /tmp/run.pid
	{
		setsid "./$t" 2>&1 &
		echo $! > /tmp/run.pid
		wait $!
		echo $? > /tmp/run.rc
	} | sed 's/^/# /' &
	out=$!
	ticks=0
	while [ ! -e /tmp/run.rc ] && [ "$ticks" -lt $((timeout * 10)) ]; do
		sleep 0.1
		ticks=$((ticks + 1))
	done
	timed_out=
	if [ ! -e /tmp/run.rc ]; then
		timed_out=1
		kill -KILL -- "-$(cat /tmp/run.pid)" 2>/dev/null
	fi
	wait "$out"
	rc=$(cat /tmp/run.rc 2>/dev/null || echo 137)
	if [ -n "$timed_out" ]; then
		echo "not ok $n selftests: $t # TIMEOUT ${timeout} seconds"
		failed=$((failed + 1))
	elif [ "$rc" -eq 0 ]; then
		echo "ok $n selftests: $t"
	elif [ "$rc" -eq 4 ]; then
		echo "ok $n selftests: $t # SKIP"
	else
		echo "not ok $n selftests: $t # exit=$rc"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
