#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rust_netns peer tables: /proc/net/rust_netns in every namespace, index
# uniqueness, peer ids (stable, distinct, unhashed when the peer dies), bad
# writes, and counters that balance after namespace churn.
. "$(dirname "$0")/../lib/ktap.sh"
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 32

ktap_result "insmod" insmod "$KO"
has_index() { grep -q '^index [1-9][0-9]*$' "$FILE"; }
ktap_result "/proc/net/rust_netns in the initial namespace" has_index
ktap_result "/proc/net/rust_netns_stats in the initial namespace" test -r "$STATS"
ktap_result "/proc/net/rust_netns in a new namespace" \
	unshare -n grep -q '^index [1-9][0-9]*$' "$FILE"
ktap_result "no stats file in a new namespace (which has the table file)" \
	unshare -n sh -c "test -e $FILE && ! test -e $STATS"

# Long-lived namespaces: the pids of processes that sit in them.
NS=""
for i in 1 2 3 4 5 6 7 8; do
	unshare -n sleep 600 &
	NS="$NS $!"
done
in_own_ns() { [ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_ns_ready() {
	for p in $NS; do
		slowwait 10 in_own_ns "$p" || return 1
	done
}
ktap_result "8 long-lived namespaces started" wait_ns_ready
set -- $NS
A=$1 B=$2 C=$3

indexes_unique() {
	all="$(index_of self)"
	for p in $NS; do
		all="$all $(index_of "$p")"
	done
	n=$(echo $all | wc -w)
	u=$(echo $all | tr ' ' '\n' | sort -u | wc -l)
	echo "indexes: $all"
	[ "$n" -eq 9 ] && [ "$u" -eq 9 ]
}
ktap_result "indexes unique among live namespaces" indexes_unique

IA=$(index_of "$A")
IB=$(index_of "$B")
IC=$(index_of "$C")
I0=$(index_of self)

# peer <pid> from the initial namespace.
ktap_result "peer <pid of A>: write accepted" rn_write "$FILE" "peer $A"
ID_A=$(peer_id_of self "$IA")
ktap_result "peer <pid of A>: id listed with A's index" test -n "$ID_A"
same_id() {
	rn_write "$FILE" "peer $A" >/dev/null &&
		[ "$(peer_id_of self "$IA")" = "$ID_A" ] &&
		[ "$(grep -c " index $IA\$" "$FILE")" -eq 1 ]
}
ktap_result "peer <pid of A> again: same id, one entry" same_id
rn_write "$FILE" "peer $B" >/dev/null
ID_B=$(peer_id_of self "$IB")
distinct() {
	[ -n "$ID_B" ] && [ "$ID_B" != "$ID_A" ]
}
ktap_result "peer <pid of B>: a distinct id" distinct

# From the other side: A and C name the initial namespace and B.
from_a() {
	nsenter -t "$A" -n rn_write "$FILE" "peer 1" &&
		nsenter -t "$A" -n rn_write "$FILE" "peer $B" &&
		nsenter -t "$C" -n rn_write "$FILE" "peer $A" &&
		[ -n "$(peer_id_of "$A" "$I0")" ] && [ -n "$(peer_id_of "$A" "$IB")" ] &&
		[ -n "$(peer_id_of "$C" "$IA")" ]
}
ktap_result "peer writes inside other namespaces" from_a
self_peer() {
	nsenter -t "$B" -n rn_write "$FILE" "peer $B" && [ -n "$(peer_id_of "$B" "$IB")" ]
}
ktap_result "a namespace can name itself" self_peer

# Bad input: a clean errno, and the table does not change.
before=$(cat "$FILE")
bad() {
	want=$1
	shift
	got=$(rn_write "$@")
	[ "$got" = "$want" ] || { echo "expected $want, got $got"; return 1; }
	[ "$(cat "$FILE")" = "$before" ] || { echo "the table changed"; return 1; }
}
ktap_result "garbage: EINVAL" bad EINVAL "$FILE" "hello"
ktap_result "empty write: EINVAL" bad EINVAL "$FILE" ""
ktap_result "over-long command: EINVAL" bad EINVAL "$FILE" "peer 1                                  "
ktap_result "a page of input: EINVAL" bad EINVAL -r 4096 "$FILE" "p"
ktap_result "negative pid: EINVAL" bad EINVAL "$FILE" "peer -1"
out_of_range() {
	bad EINVAL "$FILE" "peer 0" && bad EINVAL "$FILE" "peer 2147483648" &&
		bad EINVAL "$FILE" "peer 99999999999"
}
ktap_result "pid 0 and pids past INT_MAX: EINVAL" out_of_range
malformed() {
	bad EINVAL "$FILE" "peer 12x" && bad EINVAL "$FILE" "peer  1" &&
		bad EINVAL "$FILE" "peer 1 2" && bad EINVAL "$FILE" "PEER 1" &&
		bad EINVAL "$FILE" "peer 1
peer 2"
}
ktap_result "malformed numbers and extra words: EINVAL" malformed
ktap_result "pid that does not exist: ESRCH" bad ESRCH "$FILE" "peer 4194000"
# The parser's own edges: one trailing newline, leading zeros up to ten
# digits, the largest pid that parses. A already has its id, so the table
# must not change.
edges() {
	zeros=$(printf '%010d' "$A")
	bad ok "$FILE" "peer $A
" && bad ok "$FILE" "peer $zeros" &&
		bad EINVAL "$FILE" "peer 0$zeros" &&
		bad ESRCH "$FILE" "peer 2147483647"
}
ktap_result "trailing newline, leading zeros, largest pid" edges
# A NUL byte is not the end of the command: "peer A" followed by a NUL, or
# with one inside, is malformed (A already has its id: the table would not
# change even if it were taken, so the errno is what is checked).
embedded_nul() {
	bad EINVAL -e "$FILE" "peer $A\\0" && bad EINVAL -e "$FILE" "peer \\0$A" &&
		bad EINVAL -e "$FILE" "pe\\0er $A" && bad EINVAL -e "$FILE" "peer $A\\0
"
}
ktap_result "embedded NUL byte: EINVAL" embedded_nul
ktap_result "pid that has exited (zombie): ESRCH" bad ESRCH -z "$FILE" "peer "

# The peer dies: its ids go from every table (cleanup is asynchronous).
# Exactly two tables name A: the initial one and C's.
U0=$(stat_of unhashed)
kill "$A"
# lacks_index PID|self INDEX: that table could be read, and does not list
# namespace INDEX (an unreadable table does not count as lacking it).
lacks_index() {
	_t=$(in_ns "$1" cat "$FILE") || return 1
	echo "$_t" | grep -q '^index [0-9]' || return 1
	! echo "$_t" | grep -q " index $2\$"
}
gone_everywhere() { lacks_index self "$IA" && lacks_index "$C" "$IA"; }
ktap_result "A's ids unhashed from every table after A dies" slowwait 30 gone_everywhere
unhashed_counted() { [ "$(stat_of unhashed)" -eq $((U0 + 2)) ]; }
ktap_result "unhashed counter counts them" unhashed_counted
b_survives() { [ "$(peer_id_of self "$IB")" = "$ID_B" ]; }
ktap_result "B's ids survive A's death" b_survives

kill $NS 2>/dev/null
wait 2>/dev/null
ktap_result "killed namespaces leave the registry" slowwait 30 only_init_left

# Churn: counters balance after 1000 namespaces.
s0=$(stat_of inits)
churn_balances() {
	churn 1000 && counters_balance || return 1
	cat "$STATS"
	[ $(($(stat_of inits) - s0)) -ge 1000 ]
}
ktap_result "1000 x unshare -n: inits - exits == live, back to 1" churn_balances
# Only the initial namespace is left and it never named itself: a peer line
# now would be a stale id for a dead namespace.
ktap_result "no table lists a dead peer, and the counter is 0" no_stale_ids

# The initial namespace names itself (a cycle: its table holds its own
# state), and the module still unloads with every id released.
self_init() {
	rn_write "$FILE" "peer 1" >/dev/null && [ -n "$(peer_id_of self "$I0")" ] || return 1
	rmmod rust_netns && unload_balanced
}
ktap_result "the initial namespace names itself, and rmmod releases it" self_init
files_gone() { ! test -e "$FILE" && ! test -e "$STATS"; }
ktap_result "files gone after rmmod" files_gone
ktap_finished
