#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# scripts/checkpatch.pl --strict, from the pinned kernel, on every patch of
# both series (patches/postable, patches/lab).  Prints its findings; fails
# on an error.  Three warnings are expected and explained in the commit
# messages or by MAINTAINERS: the deprecation of idr_init() (the Idr
# abstraction wraps the IDR API as it is), "does MAINTAINERS need
# updating?" for new files under rust/kernel/net/, which NETWORKING
# [GENERAL] already covers, and "Unknown commit id" for the upstream
# commits a message cites: the pinned source is a tarball, and its git
# repository has no history.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[[ -n ${RN_IN_ROOT-} ]] || exec "$RN_ROOT/scripts/root.sh" "$0" "$@"

SRC=$("$RN_ROOT/scripts/kernel.sh" --src)
rc=0
for p in $(rn_patches); do
	out=$(cd "$SRC" && ./scripts/checkpatch.pl --strict --no-tree -q "$p" 2>&1) || true
	! grep -q '^ERROR:' <<<"$out" || rc=1
	printf '%s: %s\n' "${p#"$RN_ROOT"/patches/}" "$(grep '^total:' <<<"$out" || echo clean)"
	grep -E '^(ERROR|WARNING|CHECK):' <<<"$out" | sed 's/^/  /' || true
done
exit "$rc"
