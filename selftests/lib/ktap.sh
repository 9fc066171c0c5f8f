# SPDX-License-Identifier: GPL-2.0
# TAP for the rust_netns selftests: kselftest's own ktap_helpers.sh
# (installed beside them from the pinned tree by selftests/Makefile), and
# net/lib.sh for its slowwait/busywait; plus one helper they lack:
#
#   ktap_result NAME CMD...   ok when CMD succeeds; else not ok, with CMD's
#                             output (and the command) as diagnostics.
#
# ktap_helpers.sh's ktap_test_result runs an unquoted $@ and drops the
# output, which is the reason the tests need to fail.
_ksft=$(dirname "${BASH_SOURCE[0]}")/..
. "$_ksft/kselftest/ktap_helpers.sh"
. "$_ksft/net/lib.sh"

ktap_result() {
	local name=$1 out rc
	shift
	if out=$("$@" 2>&1); then
		ktap_test_pass "$name"
	else
		rc=$?
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
		ktap_print_msg "$name: exit status $rc: $*"
		ktap_test_fail "$name"
	fi
}
