#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 device teardown, the series' per-device index against mainline's
# walks, in one boot: the same scenario runs with the lab's netns/mainline
# switch on (rt6_sync_down_dev() walks the whole FIB, addrconf_ifdown()
# the whole address hash) and off (the device index and the device's
# address list), and after each step both must leave the same routes, in
# every table, and the same addresses, and must have notified the same
# routes deleted (sorted: the index visits routes in another order).
#
# The scenario, in a namespace of its own: 20 dummy devices with a global
# address each; one prefix through d1 twice (two metrics) and d2; a
# multipath route with legs through d1, d1 and d2; a route in table 10
# through d3; a route through a nexthop object on d4; an unreachable
# route; a kept global address on d5 (keep_addr_on_down).  Steps: carrier
# off d1, d1 down, d1 deleted, d3 deleted, d4 deleted, d5 down and up, d2
# down, every remaining dummy deleted; then the same with
# skip_notify_on_dev_down set, which notifies fewer deletions (the routes
# of deleted addresses are still notified).
# Skipped on a kernel without the lab series' switch.
. "$(dirname "$0")/../lib/ktap.sh"

lab_switch_begin 4

# snap DIR STEP: what the namespace's IPv6 routes and addresses are now.
snap() {
	{
		ip -n "$NS" -6 route show table all | sort
		echo "--"
		ip -n "$NS" -6 -o addr show | awk '{ $1 = ""; print }' | sort
	} >"$1/$2"
}

# scenario MODE SKIP_NOTIFY: run the steps with netns/mainline MODE (Y or
# N) in a fresh namespace; snapshots and deletions go to $OUT/MODE-SKIP.
scenario() {
	local dir=$OUT/$1-$2 i mon
	mkdir -p "$dir"
	echo "$1" >"$SWITCH" || return 1
	setup_ns NS || return 1
	ip netns exec "$NS" sysctl -qw net.ipv6.route.skip_notify_on_dev_down="$2" || return 1
	ip netns exec "$NS" sysctl -qw net.ipv6.conf.default.keep_addr_on_down=0 || return 1
	# Fixed MAC addresses: the same link-local addresses in both modes.
	for i in $(seq 1 20); do
		echo "link add d$i address 02:00:00:00:00:$(printf %02x "$i") type dummy"
		echo "link set d$i up"
		echo "addr add 2001:db8:$i::1/64 dev d$i nodad"
	done | ip -n "$NS" -batch - || return 1
	ip netns exec "$NS" sysctl -qw net.ipv6.conf.d5.keep_addr_on_down=1 || return 1
	ip -n "$NS" -batch - <<-EOT || return 1
		route add 2001:db8:ff::/64 via 2001:db8:1::2 dev d1 metric 100
		route add 2001:db8:ff::/64 via 2001:db8:1::3 dev d1 metric 200
		route add 2001:db8:ff::/64 via 2001:db8:2::2 dev d2 metric 300
		route add 2001:db8:ee::/64 nexthop via 2001:db8:1::2 dev d1 nexthop via 2001:db8:1::3 dev d1 nexthop via 2001:db8:2::2 dev d2
		route add 2001:db8:aa::/64 via 2001:db8:3::2 dev d3 table 10
		nexthop add id 1 via 2001:db8:4::2 dev d4
		route add 2001:db8:dd::/64 nhid 1
		route add unreachable 2001:db8:cc::/64
	EOT
	ip -n "$NS" -6 monitor route >"$dir/monitor" 2>&1 &
	mon=$!
	sleep 1
	snap "$dir" 0-setup
	ip -n "$NS" link set d1 carrier off && snap "$dir" 1-carrier-off &&
		ip -n "$NS" link set d1 down && snap "$dir" 2-d1-down &&
		ip -n "$NS" link del d1 && snap "$dir" 3-d1-del &&
		ip -n "$NS" link del d3 && snap "$dir" 4-d3-del &&
		ip -n "$NS" link del d4 && snap "$dir" 5-d4-del &&
		ip -n "$NS" link set d5 down && snap "$dir" 6-d5-down &&
		ip -n "$NS" link set d5 up && snap "$dir" 7-d5-up &&
		ip -n "$NS" link set d2 down && snap "$dir" 8-d2-down &&
		for i in 2 5 $(seq 6 20); do echo "link del d$i"; done |
		ip -n "$NS" -batch - && snap "$dir" 9-all-del
	local rc=$?
	sleep 1
	kill "$mon"
	wait "$mon" 2>/dev/null
	grep '^Deleted' "$dir/monitor" | sort >"$dir/deleted"
	ip netns del "$NS"
	NS=
	return $rc
}

# same SKIP: both modes saw the same at every step, and notified the same.
same() {
	local a=$OUT/Y-$1 b=$OUT/N-$1 f bad=0
	for f in $(cd "$a" && ls | grep -v '^monitor$'); do
		if ! cmp -s "$a/$f" "$b/$f"; then
			echo "after $f, mainline (<) and the series (>) differ:"
			diff "$a/$f" "$b/$f" | head -n 20
			bad=1
		fi
	done
	return $bad
}

# deleted SKIP: how many route deletions the series notified.
deleted() { grep -c . "$OUT/N-$1/deleted"; }

# both SKIP: the scenario in mainline's mode, then in the series'.
both() { scenario Y "$1" && scenario N "$1"; }
all_runs() { both 0 && both 1; }
ktap_result "the scenario runs in both modes, with and without skip_notify_on_dev_down" all_runs
for skip in 0 1; do
	name="skip_notify_on_dev_down=$skip: same routes, addresses and deleted routes after every step"
	if same "$skip" >"$OUT/same$skip" 2>&1 && [ "$(deleted "$skip")" -gt 0 ]; then
		ktap_test_pass "$name ($(deleted "$skip") deletions)"
	else
		sed 's/^/# /' "$OUT/same$skip"
		ktap_print_msg "deletions notified by the series: $(deleted "$skip")"
		ktap_test_fail "$name"
	fi
done
if [ "$(deleted 1)" -lt "$(deleted 0)" ]; then
	ktap_test_pass "skip_notify_on_dev_down=1 notifies fewer deletions ($(deleted 1) < $(deleted 0))"
else
	ktap_test_fail "skip_notify_on_dev_down=1 notifies fewer deletions ($(deleted 1), $(deleted 0))"
fi
ktap_finished
