# SPDX-License-Identifier: GPL-2.0
# Helpers for the rust_netns selftests (busybox sh).

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

# stat_of NAME: a module-wide counter.
stat_of() { sed -n "s/^$1 //p" "$STATS"; }

uptime_cs() {
	read -r _up _ < /proc/uptime
	echo "${_up%.*}${_up#*.}"
}

# poll SECONDS CMD...: retry CMD every 0.1 s until it succeeds or time is up.
poll() {
	_end=$(($(uptime_cs) + $1 * 100))
	shift
	until "$@"; do
		[ "$(uptime_cs)" -lt "$_end" ] || return 1
		sleep 0.1
	done
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
