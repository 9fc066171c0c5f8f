#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pinned tree's own IPv6 routing tests, from fib_tests.sh as it is, in
# the cases that take IPv6 devices down and away, delete addresses and
# flush multipath routes, and that the lab's guest has the tools for
# (iproute2 and busybox: the VRF, tc, mausezahn, ra6 and socat cases are
# left out, and so are ipv6_notify, whose route needs lightweight tunnels,
# and ipv6_mpath_list, which needs mausezahn).
# What patches/postable changes in IPv6 device teardown must
# not change what they see.
#
# fib_tests.sh stops at the first setup command that fails (set -e), with
# that command's status, which kselftest would read as a skip or an
# expected failure: here every case must run and pass.
cd "$(dirname "$0")" || exit 1
. ../lib/ktap.sh
. ./peer.sh
TESTS="unregister down carrier ipv6_rt ipv6_addr_metric"
TESTS+=" ipv6_route_metrics ipv6_del_addr fib6_gc_test"
TESTS+=" fib6_temp_addr_renewal"
peer_modes fib_tests.sh "$TESTS"
