#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RTM_GETNSID dumps longer than one skb.  One skb of a dump holds about 130
# nsids (134 on x86_64 with iproute2's buffer), so a namespace that names
# N > 1000 others must still list every one of them, each exactly once:
# through "ip netns list-id" in that namespace, and from another namespace
# with "target-nsid" (the dump that also looks up each peer's id in the
# caller's namespace).  A dump that ends after its first skb lists 134 and
# says nothing about the rest.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

N=${lab_nsid_dump:-1100}
HOLDER=dump-holder
# The id the initial namespace gives the holder, for target-nsid.
TARGET=7

ktap_print_header
ktap_set_plan 5

# Each step's time, as a diagnostic: 1100 namespaces cost minutes under TCG.
T0=$(date +%s)
took() { ktap_print_msg "$1 after $(($(date +%s) - T0)) s"; }

# Namespaces are made and named by one ip each (-batch): N forks of ip
# would cost minutes under TCG.
create() {
	ip netns add "$HOLDER" && ip_each 1 "$N" 'netns add dump&' &&
		ip_each 1 "$N" 'netns set dump& &' -n "$HOLDER"
}
ktap_result "create $N namespaces, each named by $HOLDER with an nsid" create
took "created and named"

# listed_ids OUTPUT: the nsids of "ip netns list-id" output, sorted.
listed_ids() { echo "$1" | sed -n 's/^nsid \([0-9]*\) .*/\1/p' | sort -n; }

# each_once IDS: IDS are exactly 1..N, one each.
each_once() {
	n=$(echo "$1" | grep -c .)
	[ "$n" -eq "$N" ] || { echo "listed $n nsids, expected $N"; return 1; }
	[ "$1" = "$(seq 1 "$N")" ] || { echo "the listed nsids are not 1..$N, once each"; return 1; }
}

# nameless [-n NS] ARGS...: "ip ARGS" (in the network namespace
# /run/netns/NS) with /run/netns hidden, so that iproute2 does not name
# every listed id by looking up each of the 1100 entries there.
nameless() {
	_enter=
	if [ "$1" = -n ]; then
		_enter="nsenter -n/run/netns/$2"
		shift 2
	fi
	$_enter unshare -m sh -c \
		'mount -t tmpfs tmpfs /run/netns && exec /usr/bin/ip "$@"' sh "$@"
}

own_dump() {
	out=$(nameless -n "$HOLDER" netns list-id) || { echo "ip netns list-id failed"; return 1; }
	each_once "$(listed_ids "$out")"
}
ktap_result "$HOLDER lists all $N nsids, each once" own_dump
took "dumped without names"

# The names come from the same dump: every line names its namespace.
names() {
	out=$(ip -n "$HOLDER" netns list-id) || return 1
	bad=$(echo "$out" | grep '^nsid ' |
		sed -n 's/^nsid \([0-9]*\) (iproute2 netns name: dump\([0-9]*\))$/\1 \2/p' |
		awk '$1 != $2' | head -n 3)
	n=$(echo "$out" | grep -c '(iproute2 netns name: dump')
	[ -z "$bad" ] && [ "$n" -eq "$N" ] || { echo "$n named lines; mismatched: $bad"; return 1; }
}
ktap_result "each listed nsid names the namespace it was given to" names
took "dumped with names"

target_dump() {
	ip netns set "$HOLDER" "$TARGET" || return 1
	out=$(nameless netns list-id target-nsid "$TARGET") ||
		{ echo "ip netns list-id target-nsid failed"; return 1; }
	each_once "$(listed_ids "$out")"
}
ktap_result "the initial namespace lists all $N through target-nsid $TARGET" target_dump
took "dumped through target-nsid"

destroy() {
	ip_each 1 "$N" 'netns del dump&' || return 1
	# The ids go when cleanup_net() has run, on its worker.
	loopy_wait "sleep 1" 300000 sh -c "[ -z \"\$(/usr/bin/ip -n $HOLDER netns list-id)\" ]" ||
		{ echo "$HOLDER still lists $(ip -n "$HOLDER" netns list-id | grep -c '^nsid') nsids"; return 1; }
}
ktap_result "after deleting them, $HOLDER lists none" destroy
took "torn down"

ip netns del "$HOLDER"
ktap_finished
