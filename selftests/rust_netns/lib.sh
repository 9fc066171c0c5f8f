# SPDX-License-Identifier: GPL-2.0
# Helpers for the rust_netns selftests (bash, after ../lib/ktap.sh; waiting
# is net/lib.sh's slowwait).  rn_write is installed beside this file.
PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd):$PATH

KO=${RUST_NETNS_KO:-/lib/modules/rust_netns.ko}
FILE=/proc/net/rust_netns
STATS=/proc/net/rust_netns_stats

# in_ns PID|self PROGRAM...: run PROGRAM in the network namespace of PID.
in_ns() {
	_p=$1
	shift
	if [ "$_p" = self ]; then
		"$@"
	else
		nsenter -t "$_p" -n "$@"
	fi
}

# index_of PID|self: that namespace's rust_netns index.
index_of() { in_ns "$1" sed -n 's/^index //p' "$FILE"; }

# peer_id_of PID|self INDEX: the peer id of namespace INDEX in PID's table.
peer_id_of() { in_ns "$1" sed -n "s/^peer \([0-9]*\) index $2\$/\1/p" "$FILE"; }

# The lab series' counters of cleanup_net()'s nsid teardown, and its mode.
UNHASH_FILE=/sys/kernel/debug/netns/unhash

# unhash_stat NAME: the counter NAME (or the mode) in $UNHASH_FILE.
unhash_stat() { awk -v k="$1" '$1 == k { print $2 }' "$UNHASH_FILE"; }

# drained: cleanup_net() has freed every namespace queued for it, so no
# teardown is pending or running (both counters from one read).
drained() {
	awk '$1 == "queued" { q = $2 } $1 == "freed" { f = $2 }
		END { exit !(q != "" && q == f) }' "$UNHASH_FILE"
}

# ip_each FROM TO CMD [IP_ARGS...]: one iproute2 process runs CMD for each
# number FROM..TO, with & in CMD standing for the number ("ip IP_ARGS
# -batch"): thousands of namespaces without a fork each.  CMD has no '/'.
ip_each() {
	_from=$1 _to=$2 _cmd=$3
	shift 3
	seq "$_from" "$_to" | sed "s/.*/$_cmd/" | /usr/bin/ip "$@" -batch -
}

# stat_of NAME: a module-wide counter.
stat_of() { sed -n "s/^$1 //p" "$STATS"; }

# RN_WRITE: rn_write's path, for shells that do not inherit PATH (su).
RN_WRITE=$(command -v rn_write)

# as_nobody CMD: run the shell command CMD as uid/gid 65534.
as_nobody() { su -p -s /bin/sh nobody -c "$1"; }

# no_stale_ids: once only the initial namespace is left and it names no
# one alive, its table (read once, and readable) lists no peer, and the
# module-wide peer_ids counter agrees.
no_stale_ids() {
	local t
	t=$(cat "$FILE") || return 1
	echo "$t" | grep -q '^index ' || return 1
	! echo "$t" | grep '^peer ' && [ "$(stat_of peer_ids)" -eq 0 ]
}

# churn N: create and destroy N network namespaces.
churn() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		unshare -n true || return 1
		_i=$((_i + 1))
	done
}

# only_init_left: the registry holds the initial namespace alone.
only_init_left() { [ "$(stat_of live)" -eq 1 ]; }

# counters_balance: once cleanup is done only the initial namespace is
# left, and every init but its own has had its exit.
counters_balance() {
	slowwait 60 only_init_left || { cat "$STATS"; return 1; }
	[ $(($(stat_of inits) - $(stat_of exits))) -eq "$(stat_of live)" ]
}

# unload_balanced [MIN_INITS]: every unload report in dmesg ("unloaded: I
# inits, E exits, P peer ids left"), not just the last, has each init
# matched by its exit and no peer id left (unregistering exits every live
# namespace, so this holds however many were alive), and the last one has
# at least MIN_INITS inits.
unload_balanced() {
	_min=${1:-0}
	dmesg | grep -o 'unloaded: [0-9]* inits, [0-9]* exits, [0-9]* peer ids left' \
		> /tmp/unloads
	[ -s /tmp/unloads ] || { echo "no unload report in dmesg"; return 1; }
	_n=0
	_bad=0
	while read -r _line; do
		_n=$((_n + 1))
		_last=$_line
		set -- $_line
		if [ "$2" != "$4" ] || [ "$6" != 0 ]; then
			echo "unload report $_n unbalanced: $_line"
			_bad=1
		fi
	done < /tmp/unloads
	echo "$_n unload report(s), last: $_last"
	[ "$_bad" = 0 ] || return 1
	set -- $_last
	[ "$2" -ge "$_min" ] || { echo "only $2 inits, expected at least $_min"; return 1; }
}
