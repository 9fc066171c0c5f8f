#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pinned tree's own tests of IPv6 routes through nexthop objects, from
# fib_nexthops.sh as it is, in the cases that the lab's guest has the
# tools for (iproute2 and busybox: the cases that need jq or mausezahn are
# left out, and so is ipv6_fcnal_runtime, whose unreachable checks want
# iputils ping's exit status 2 where busybox's ping exits with 1).
# Replacing and deleting nexthops and groups deletes and replaces the
# routes that use them, and invalidates their dsts: what
# patches/postable changes in a node's route list and in the dst cookie
# must not change what they see.
#
# As for fib6.sh: every case must run and pass; the only skip allowed is
# ipv6_grp_fcnal's 16-bit weights case, which needs mausezahn.
cd "$(dirname "$0")" || exit 1
. ../lib/ktap.sh
. ./peer.sh
TESTS="ipv6_fcnal ipv6_grp_fcnal ipv6_large_grp ipv6_compat_mode"
peer_modes fib_nexthops.sh "$TESTS" "SKIP: Could not run test; need mausezahn tool"
