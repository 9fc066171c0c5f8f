#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A /proc/net file leaked by safe code (mem::forget in pernet init) in a
# namespace that then dies: the proc core removes it with the namespace's
# /proc/net, so a descriptor held on it finds it gone (ENOENT), not a freed
# directory (proc_leak.c), and says so in the kernel log.  Then, with those
# namespaces dying, no leaked file can be opened and the module unloads.
. "$(dirname "$0")/../lib/ktap.sh"

KO=/lab/misuse/misuse_proc_leak_ok.ko
ktap_print_header
ktap_set_plan 4
ktap_result "insmod misuse_proc_leak_ok (leaks a file in each new namespace)" insmod "$KO"
ktap_result "a held leaked entry: ENOENT once its namespace is gone" "$(dirname "$0")/proc_leak"
ktap_result "the removal names the leaked entry in the kernel log" \
	sh -c "dmesg | grep -q \"proc: removing leaked entry 'net/misuse_proc_leak'\""
# proc_leak's namespaces are all dying now (no process is left in them),
# and a dying namespace's files cannot be opened: nothing can call into the
# module's leaked files any more, so it may go.
ktap_result "rmmod, with no live namespace but the initial one" rmmod misuse_proc_leak_ok
ktap_finished
