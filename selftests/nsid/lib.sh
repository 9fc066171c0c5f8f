# SPDX-License-Identifier: GPL-2.0
# Helpers for the nsid selftests (bash, after ../lib/ktap.sh).
. "$(dirname "$0")/../rust_netns/lib.sh"

# iproute2, not busybox's applet (which the shell would run for "ip").
ip() { /usr/bin/ip "$@"; }

# ids_in [NS]: the nsids listed here (or in NS), one per line; fails if ip
# fails, so that an error never reads as "no such id".
ids_in() {
	_o=$(ip ${1:+-n "$1"} netns list-id) || { echo "ip netns list-id failed${1:+ in $1}"; return 1; }
	echo "$_o" | sed -n 's/^nsid \([0-9]*\) .*/\1/p'
}

# has_socket PID: the process holds a socket; an "ip monitor" is subscribed
# once it has its netlink socket (iproute2 binds the groups when it opens it).
has_socket() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'socket:'; }
