#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the lab guest.  Runs the selftests named by lab_suites= on the
# kernel command line (the kernel hands unknown name=value parameters to init
# as environment), prints their TAP, reports the status on the console and
# reboots (QEMU runs with -no-reboot, so that ends the run).
/bin/busybox --install -s /bin
export PATH=/lab/bin:/usr/bin:/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# What udev would add: kselftest's runner writes to /dev/stdout.
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname rust-netns-lab
ip link set lo up

echo "rust-netns-lab: begin"
# lab_suites=dir/test,... names kselftest collection:test pairs; the
# kselftest runner (/lab/selftests, installed by selftests/Makefile) runs
# them, each under its settings' timeout.
set --
for t in $(echo "${lab_suites:-}" | tr , ' '); do
	set -- "$@" -t "${t%/*}:${t##*/}"
done
# lab_timeout= overrides every test's settings timeout (make stress).
[ -n "${lab_timeout:-}" ] && set -- -o "$lab_timeout" "$@"
if [ $# -gt 0 ]; then
	/lab/selftests/run_kselftest.sh "$@"
	rc=$?
else
	echo "Bail out! no suites given (lab_suites=)"
	rc=1
fi
# Kernel messages and ours share the console and interleave mid-line (a
# WARNING from a worker can split the status line): keep the kernel's off
# the console for the last line. The host has seen every earlier message.
dmesg -n 1
# The ring buffer, in case the console lost a report: its splats, each on a
# line of its own, for the host to judge. And whether lockdep is still on
# (it switches itself off after its first report, hiding any later one).
dmesg | grep -E 'WARNING:|BUG|Oops|INFO:|UBSAN|KASAN|kmemleak|corruption|lockup|Kernel panic' |
	sed 's/^/rust-netns-lab: dmesg: /'
[ -r /proc/lockdep_stats ] &&
	echo "rust-netns-lab: debug_locks $(sed -n 's/^ *debug_locks: *//p' /proc/lockdep_stats)"
echo "rust-netns-lab: exit $rc"
sync
reboot -f
sleep 5
echo "rust-netns-lab: reboot failed"
