#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The misuse harness's runtime half (scripts/misuse.sh is the rest): load
# each module that the host built into $MISUSE_DIR (/lab/misuse), unload it
# if it loaded, and judge what its init returned and what the kernel
# reported meanwhile.  $MISUSE_DIR/expect has one line per module, in the
# order to run them:
#
#   NAME control -        loads, unloads, adds no splat
#   NAME errno N ENAME    init fails with errno N, adds no splat
#   NAME report REGEX     adds exactly one splat, and it matches REGEX (POSIX
#                         extended, on the line without its timestamp);
#                         loading or unloading may fail
#
# One KTAP case per module, "NAME KIND", with what happened as a "NAME: ..."
# diagnostic line before it.  A module's dmesg is what follows a marker
# written to /dev/kmsg just before its load, so a report that comes later
# (deferred work) lands in the next module's.
. "$(dirname "$0")/../lib/ktap.sh"

DIR=${MISUSE_DIR:-/lab/misuse}
LOAD=$(dirname "$0")/misuse_load
# A kernel splat: scripts/tap.py's SPLAT, which judges the whole console,
# as a POSIX extended regex.
SPLAT='(^|[^A-Za-z0-9_])(WARNING:|BUG[: ]|kernel BUG at|Oops|Internal error:|Kernel panic'
SPLAT+='|general protection fault|Unable to handle kernel|INFO: possible'
SPLAT+='|INFO: trying to register|INFO: task .* blocked|INFO: rcu'
SPLAT+='|rcu: INFO:|UBSAN:|DEBUG_LOCKS_WARN_ON|list_(add|del) corruption'
SPLAT+='|KASAN:|kmemleak: .*suspected memory leak|soft lockup|hard LOCKUP)'

# msg TEXT...: a diagnostic line (ktap_print_msg would glob-expand a '*').
msg() { printf '# %s\n' "$*"; }

# debug_locks: 1 while lockdep is on, 0 once it has switched itself off,
# empty without lockdep.
debug_locks() { sed -n 's/^ *debug_locks: *//p' /proc/lockdep_stats 2>/dev/null; }

# since MARK: the kernel's messages after the line that ends with MARK;
# fails if no line does (the ring buffer lost it).
since() {
	dmesg | awk -v m="$1" '
		found { print }
		length($0) >= length(m) && substr($0, length($0) - length(m) + 1) == m { found = 1 }
		END { exit !found }'
}

ktap_print_header
if [ ! -r "$DIR/expect" ]; then
	ktap_set_plan 1
	msg "no $DIR/expect: the initramfs has no misuse modules (scripts/lab.sh misuse builds them)"
	ktap_test_fail "misuse modules present"
	ktap_finished
fi
ktap_set_plan "$(grep -c . "$DIR/expect")"
n=0
while read -r name kind arg <&3; do
	[ -n "$name" ] || continue
	n=$((n + 1))
	what=
	# DEBUG_ATOMIC_SLEEP prints at most one report a second: the previous
	# module's must not silence this one's.
	[ "$kind" = report ] && sleep 2
	locks=$(debug_locks)
	mark="misuse: module $n $name"
	echo "$mark" >/dev/kmsg
	if load=$("$LOAD" "$DIR/$name.ko" 2>&1); then
		loaded=1
		if out=$(rmmod "$name" 2>&1); then
			unload=unloaded
		else
			unload="rmmod failed: $out"
		fi
	else
		loaded=0 unload=
	fi
	if ! new=$(since "$mark"); then
		new=
		lost=1
	else
		lost=0
	fi
	splats=$(printf '%s\n' "$new" | grep -E -- "$SPLAT")
	nsplat=$(printf '%s' "$splats" | grep -c .)
	ok=1
	# What happened, for the host's verdict line.  Never the expected
	# regex: the console is searched for reports, and a regex that reads
	# like one would stand in for the report it expects.
	case "$kind" in
	control)
		what="${load}${unload:+, $unload}; $nsplat splat(s)"
		[ "$loaded" = 1 ] && [ "$unload" = unloaded ] || ok=0
		[ "$nsplat" = 0 ] || ok=0
		arg=
		;;
	errno)
		want=${arg%% *}
		what="init: $load${unload:+, $unload}; expected errno $arg; $nsplat splat(s)"
		case "$load" in
		"errno $want "*) ;;
		*) ok=0 ;;
		esac
		[ "$nsplat" = 0 ] || ok=0
		arg=${arg#* }
		;;
	report)
		what="${load}${unload:+, $unload}; $nsplat splat(s)"
		if [ "$nsplat" != 1 ]; then
			ok=0
			what="$what, expected 1"
		else
			# The report from its first word, as tap.py matches it.
			report=$(printf '%s\n' "$splats" | sed 's/^\[[ 0-9.]*\] *//')
			what="$what: $report"
			printf '%s\n' "$report" | grep -qE -- "$arg" ||
				{ ok=0; what="$what; not the expected report"; }
		fi
		arg=
		;;
	*)
		ok=0
		what="unknown kind '$kind' in $DIR/expect"
		;;
	esac
	if [ "$lost" = 1 ]; then
		ok=0
		what="$what; the marker '$mark' is gone from the ring buffer: dmesg not judged"
	fi
	# Lockdep switches itself off after its first report: only an
	# expected report may do that, and the modules after it run unwatched.
	if [ "$locks" = 1 ] && [ "$(debug_locks)" != 1 ]; then
		what="$what; lockdep switched itself off"
		[ "$kind" = report ] || ok=0
	fi
	msg "$name: $what"
	if [ "$ok" = 1 ]; then
		ktap_test_pass "$name $kind${arg:+ $arg}"
	else
		[ -z "$new" ] || printf '%s\n' "$new" | tail -n 60 | sed "s/^/# $name: dmesg: /"
		ktap_test_fail "$name $kind${arg:+ $arg}"
	fi
done 3<"$DIR/expect"
ktap_finished
