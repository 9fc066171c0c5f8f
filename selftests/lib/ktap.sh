# SPDX-License-Identifier: GPL-2.0
# Minimal TAP 13 producer for the guest's busybox sh, kselftest style.
#
#   ktap_plan N; ktap_result NAME CMD...; ktap_ok NAME; ktap_fail NAME [WHY];
#   ktap_skip NAME WHY; ktap_diag TEXT; ktap_finish (exits with the status)

KTAP_N=0
KTAP_FAILED=0

ktap_plan() {
	echo "TAP version 13"
	echo "1..$1"
}

ktap_diag() {
	printf '# %s\n' "$*"
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	[ -n "${2-}" ] && ktap_diag "$1: $2"
	echo "not ok $KTAP_N $1"
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

# ktap_result NAME CMD...: ok when CMD succeeds; its output becomes diagnostics.
ktap_result() {
	_name=$1
	shift
	if _out=$("$@" 2>&1); then
		ktap_ok "$_name"
	else
		_rc=$?
		[ -n "$_out" ] && printf '%s\n' "$_out" | sed 's/^/# /'
		ktap_fail "$_name" "exit status $_rc: $*"
	fi
}

ktap_finish() {
	[ "$KTAP_FAILED" -eq 0 ]
	exit $?
}
