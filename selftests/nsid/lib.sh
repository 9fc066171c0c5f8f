# SPDX-License-Identifier: GPL-2.0
# Helpers for the nsid selftests (busybox sh).
. "$(dirname "$0")/../rust_netns/lib.sh"

# iproute2, not busybox's applet (which the shell would run for "ip").
ip() { /usr/bin/ip "$@"; }

# has_socket PID: the process holds a socket; an "ip monitor" is subscribed
# once it has its netlink socket (iproute2 binds the groups when it opens it).
has_socket() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'socket:'; }
