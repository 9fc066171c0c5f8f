#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nsid lookups by peer (postable/0011) under concurrency: for
# lab_nsid_lookup_secs seconds (20), at the same time,
#   - namespaces come and go, each with a veth whose host end is here:
#     creating the link gives it an nsid here (peernet2id_alloc() from the
#     link message) and its death removes it (the teardown's index drop);
#   - an "ip monitor all-nsid" listener here: every broadcast from those
#     namespaces asks whether this namespace has an id for them
#     (peernet_has_id(), lockless);
#   - link dumps here (each veth's peer id looked up) and nsid dumps;
#   - RTM_NEWNSID by name here for namespaces that may be dying.
# The boot's detectors judge the rest (lockdep on the debug kernel, KASAN
# and kmemleak on the stress kernel: a splat fails the boot).  Afterwards
# every namespace made here is gone from the initial namespace's ids.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

SECS=${lab_nsid_lookup_secs:-20}
P=lk$$
MON=
cleanup() {
	[ -z "$MON" ] || kill "$MON" 2>/dev/null
	for n in $(ip netns list | awk -v p="$P-" 'index($1, p) == 1 { print $1 }'); do
		ip netns del "$n" 2>/dev/null
	done
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 3

ids_before=$(ids_in | sort -n)
/usr/bin/ip monitor all-nsid >/dev/null 2>&1 &
MON=$!
slowwait 10 has_socket "$MON"

# churn I: namespaces with a veth each, made and dropped for SECS.
churn() {
	local end=$((SECONDS + SECS)) i=0
	while [ "$SECONDS" -lt "$end" ]; do
		i=$((i + 1))
		ip netns add "$P-$1-$i" &&
			ip link add "${P}v$1x$i" type veth peer name eth0 netns "$P-$1-$i" &&
			ip link set "${P}v$1x$i" up &&
			ip -n "$P-$1-$i" link set eth0 up || return 1
		ip netns del "$P-$1-$((i - 2))" 2>/dev/null
	done
	echo "$i"
}
# readers: link and nsid dumps, and RTM_NEWNSID for whatever exists.
readers() {
	local end=$((SECONDS + SECS)) n=0 ns
	while [ "$SECONDS" -lt "$end" ]; do
		ip -d link show >/dev/null || return 1
		ip netns list-id >/dev/null || return 1
		for ns in $(ip netns list | awk -v p="$P-" 'index($1, p) == 1 { print $1 }' | head -n 3); do
			ip netns set "$ns" auto 2>/dev/null
		done
		n=$((n + 1))
	done
	echo "$n"
}

run() {
	churn a >"$TMPDIR_LK/a" & a=$!
	churn b >"$TMPDIR_LK/b" & b=$!
	readers >"$TMPDIR_LK/r" & r=$!
	wait "$a" && wait "$b" && wait "$r" || return 1
	echo "namespaces made: $(cat "$TMPDIR_LK/a") + $(cat "$TMPDIR_LK/b"), reader passes: $(cat "$TMPDIR_LK/r")"
}
TMPDIR_LK=$(mktemp -d)
ktap_result "$SECS s of namespaces with veths, all-nsid broadcasts, dumps and RTM_NEWNSID at once" run
ktap_print_msg "$(cat "$TMPDIR_LK/a" 2>/dev/null) + $(cat "$TMPDIR_LK/b" 2>/dev/null) namespaces, $(cat "$TMPDIR_LK/r" 2>/dev/null) reader passes"
rm -rf "$TMPDIR_LK"

cleanup
MON=
ktap_result "every namespace made here torn down" slowwait 120 drained

# no_new_ids: the initial namespace names no one it did not name before.
no_new_ids() { [ "$(ids_in | sort -n)" = "$ids_before" ]; }
ktap_result "the initial namespace's ids are those it had before" no_new_ids
ktap_finished
