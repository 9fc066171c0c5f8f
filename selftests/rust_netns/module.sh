#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rust_netns load/unload: the module loads, shows up in sysfs, network
# namespaces work while it is loaded, and it unloads; twice.
. "$(dirname "$0")/../lib/ktap.sh"

. "$(dirname "$0")/lib.sh"

loaded() { [ -d /sys/module/rust_netns ]; }
not_loaded() { ! [ -d /sys/module/rust_netns ]; }
# A new network namespace is not the initial one and has its own loopback
# device (plus the per-namespace tunnel devices the config builds in).
netns_works() {
	init_ns=$(readlink /proc/self/ns/net)
	out=$(unshare -n sh -c 'readlink /proc/self/ns/net;
		tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " "') || return 1
	set -- $out
	[ "$1" != "$init_ns" ] || { echo "still in $init_ns"; return 1; }
	shift
	case " $* " in
	*" lo "*) ;;
	*) echo "no lo in the new namespace: $*"; return 1 ;;
	esac
}
dmesg_has() { dmesg | grep -q "rust_netns: $1"; }
ktap_print_header
ktap_set_plan 14
ktap_result "module file present" test -f "$KO"
ktap_result "not loaded at start" not_loaded
for cycle in 1 2; do
	dmesg -c >/dev/null
	ktap_result "cycle $cycle: insmod" insmod "$KO"
	if loaded; then
		ktap_test_pass "cycle $cycle: /sys/module/rust_netns exists"
	else
		ktap_test_fail "cycle $cycle: /sys/module/rust_netns exists"
	fi
	ktap_result "cycle $cycle: unshare -n works while loaded" netns_works
	ktap_result "cycle $cycle: 50 namespaces created and destroyed" churn 50
	if rmmod rust_netns && not_loaded && dmesg_has unloaded; then
		ktap_test_pass "cycle $cycle: rmmod"
	else
		ktap_print_msg "cycle $cycle: rmmod: rmmod failed or module still present"
		ktap_test_fail "cycle $cycle: rmmod"
	fi
	# Every namespace whose init ran had its exit: at least the initial one,
	# netns_works' and the 50 churned.
	ktap_result "cycle $cycle: every pernet init had its exit" unload_balanced 52
done
ktap_finished
