#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pinned tree's own tests of IPv6 routes through nexthop objects, from
# fib_nexthops.sh as it is, in the cases that the lab's guest has the
# tools for (iproute2 and busybox: the cases that need jq or mausezahn are
# left out, and so is ipv6_fcnal_runtime, whose unreachable checks want
# iputils ping's exit status 2 where busybox's ping exits with 1).  Replacing and deleting nexthops and groups deletes and
# replaces the routes that use them, and invalidates their dsts: what
# patches/postable changes in a node's route list and in the dst cookie
# must not change what they see.
#
# As for fib6.sh: every case must run and pass; the only skip allowed is
# ipv6_grp_fcnal's 16-bit weights case, which needs mausezahn.
cd "$(dirname "$0")" || exit 1
TESTS="ipv6_fcnal ipv6_grp_fcnal ipv6_large_grp ipv6_compat_mode"
out=$(./fib_nexthops.sh -t "$TESTS" 2>&1)
rc=$?
echo "$out"
passed=$(echo "$out" | sed -n 's/^Tests passed: *\([0-9]*\)$/\1/p')
failed=$(echo "$out" | sed -n 's/^Tests failed: *\([0-9]*\)$/\1/p')
skipped=$(echo "$out" | sed -n 's/^Tests skipped: *\([0-9]*\)$/\1/p')
tools=$(echo "$out" | grep -c '^SKIP: Could not run test; need mausezahn tool$')
# A skip makes fib_nexthops.sh exit with ksft_skip (4).
[ "$rc" -ne 4 ] || [ "${skipped:-0}" = 0 ] || rc=0
if [ "$rc" -ne 0 ] || [ -z "$passed" ] || [ "$passed" -eq 0 ] ||
   [ "$failed" != 0 ] || [ "${skipped:-0}" -gt "$tools" ] || [ "$tools" -gt 1 ]; then
	echo "fib_nexthops.sh: exit $rc, ${passed:-no} cases passed, ${failed:-no count of} failed, ${skipped:-no count of} skipped"
	exit 1
fi
