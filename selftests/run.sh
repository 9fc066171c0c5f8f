#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kselftest-style runner: run.sh SUITE/TEST...  Each test's TAP is nested
# under "# ", each test gets the timeout from its directory's settings file,
# and the runner's own TAP has one result per test.
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
	{ timeout -s KILL "$timeout" "./$t" 2>&1; echo $? > /tmp/run.rc; } |
		sed 's/^/# /'
	rc=$(cat /tmp/run.rc)
	if [ "$rc" -eq 0 ]; then
		echo "ok $n selftests: $t"
	elif [ "$rc" -eq 137 ]; then
		echo "not ok $n selftests: $t # TIMEOUT ${timeout} seconds"
		failed=$((failed + 1))
	else
		echo "not ok $n selftests: $t # exit=$rc"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
