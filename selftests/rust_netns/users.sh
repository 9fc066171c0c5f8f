#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rust_netns and unprivileged users.  The tables are readable by anyone (a
# namespace's nsids are public: RTM_GETNSID needs no privilege either) and
# writable by the root of the user namespace that owns the network
# namespace: /proc/net files belong to that user's root (proc_net_ns_init),
# so the first check is the open(2) of the file.  Then, as RTM_NEWNSID asks
# of a netlink socket, a write needs CAP_NET_ADMIN in the user namespace that
# owns the network namespace, judged by the credentials the file was opened
# with: dropping it before the open gets EPERM, after the open does not
# matter.  An unprivileged user (uid 65534) cannot write the initial table,
# also not as root of a user namespace of its own; in a network namespace
# that its user namespace owns, it can, and without CAP_NET_ADMIN there it
# cannot.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

snapshot() { cat "$FILE"; stat_of peer_ids; }

ktap_print_header
ktap_set_plan 13
ktap_result "insmod" insmod "$KO"
ktap_result "nobody exists, with uid 65534" sh -c '[ "$(su -s /bin/sh nobody -c "id -u")" = 65534 ]'
before=$(snapshot)
table_before=$(cat "$FILE")
reads() { as_nobody "cat $FILE" | grep -q '^index [1-9]'; }
ktap_result "nobody can read the initial table" reads

# refused ERRNO CMD: CMD (an rn_write as nobody) fails with ERRNO, and
# neither the initial table nor the counter changed.
refused() {
	local got
	got=$(as_nobody "$2")
	[ "$got" = "$1" ] || { echo "expected $1, got '$got'"; return 1; }
	[ "$(snapshot)" = "$before" ] || { echo "state changed"; return 1; }
}
ktap_result "nobody's write to the initial table: EACCES, nothing changed" \
	refused EACCES "$RN_WRITE $FILE 'peer 1'"
ktap_result "nobody's write to the stats file: EACCES, nothing changed" \
	refused EACCES "$RN_WRITE $STATS 'peer 1'"
ktap_result "root of nobody's user namespace, initial table: EACCES, nothing changed" \
	refused EACCES "unshare -Ur $RN_WRITE $FILE 'peer 1'"

# root_write ERRNO ARGS: rn_write ARGS as root gives ERRNO (or ok), and the
# table changed only if it was ok.
root_write() {
	local want=$1 got
	shift
	got=$("$RN_WRITE" "$@")
	[ "$got" = "$want" ] || { echo "expected $want, got '$got'"; return 1; }
	[ "$want" = ok ] || [ "$(snapshot)" = "$before" ] || { echo "state changed"; return 1; }
}
ktap_result "root without CAP_NET_ADMIN when it opens the table: EPERM, nothing changed" \
	root_write EPERM -c open "$FILE" "peer $$"
ktap_result "root that drops CAP_NET_ADMIN after opening the table: accepted" \
	root_write ok -c write "$FILE" "peer $$"
before=$(snapshot)
table_before=$(cat "$FILE")

# In a network namespace of its own user namespace, nobody is its root and
# the table is its own: a peer id for the initial namespace is accepted.
# The network namespace is made after the user namespace has its uid map:
# /proc/net takes its owner (the user namespace's root) when the network
# namespace is set up, and unshare -Urn in one go would make it before the
# map exists, leaving the files to the initial root.
I0=$(index_of self)
own_table() {
	local out
	out=$(as_nobody "unshare -Ur unshare -n sh -c '$RN_WRITE $FILE \"peer 1\" && cat $FILE'") ||
		{ echo "$out"; return 1; }
	echo "$out"
	echo "$out" | grep -q "^peer [0-9]* index $I0\$"
}
ktap_result "root of nobody's user and network namespace writes its own table" own_table
own_table_no_cap() {
	local got
	got=$(as_nobody "unshare -Ur unshare -n $RN_WRITE -c open $FILE 'peer 1'")
	[ "$got" = EPERM ] || { echo "expected EPERM, got '$got'"; return 1; }
}
ktap_result "the same without CAP_NET_ADMIN when it opens its table: EPERM" own_table_no_cap
own_table_cap_after() {
	local got
	got=$(as_nobody "unshare -Ur unshare -n $RN_WRITE -c write $FILE 'peer 1'")
	[ "$got" = ok ] || { echo "expected ok, got '$got'"; return 1; }
}
ktap_result "and with CAP_NET_ADMIN dropped after the open: accepted" own_table_cap_after
unchanged() { [ "$(cat "$FILE")" = "$table_before" ]; }
ktap_result "and the initial table is unchanged" unchanged
# Its namespaces are gone with its processes: the module unloads balanced.
unloads() { counters_balance && rmmod rust_netns && unload_balanced; }
ktap_result "rmmod, every init had its exit" unloads
ktap_finished
