#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Lint with clippy, the kernel's way (CLIPPY=1): the kernel crate, with this
# project's patches, then the module.  Any warning fails.
#   scripts/clippy.sh KDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir=${1:?usage: clippy.sh KDIR}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
kmake() { make -C "$kdir" ARCH="$KARCH" "${RN_KMAKE_VARS[@]}" CLIPPY=1 "$@"; }

rn_say "clippy: kernel crate and doc tests in $kdir"
# A kernel crate built without CLIPPY=1 is up to date for kbuild, which would
# then lint nothing: make it build the crate again, under clippy.
rm -f "$kdir/rust/kernel.o"
kmake prepare 2>&1 | tee "$log"
rn_say "clippy: rust_netns"
make -s -C "$kdir" ARCH="$KARCH" M="$RN_ROOT" clean
kmake M="$RN_ROOT" modules 2>&1 | tee -a "$log"
# Findings in the files patches/ touches or in the module fail; the pinned
# kernel's own (e.g. stock rust/kernel/cpufreq.rs) are only listed.
src=$(readlink -f "$kdir/source" 2>/dev/null || echo "$kdir")
ours=$(git -C "$src" diff --name-only pristine 2>/dev/null; echo rust_netns.rs)
if grep -q '^error' "$log"; then
	rn_die "clippy: errors (above)"
fi
bad=0
while IFS= read -r at; do
	f=${at#"$src"/}
	f=${f#"$RN_ROOT"/}
	f=${f%%:*}
	if grep -qxF -- "$f" <<<"$ours"; then
		printf 'clippy: ours: %s\n' "$at" >&2
		bad=1
	else
		printf 'clippy: upstream, not ours: %s\n' "$at" >&2
	fi
done < <(grep -A1 -E '^warning(\[|:)' "$log" | sed -n 's/^ *--> //p')
((bad == 0)) || rn_die "clippy found problems in this project's code (above)"
rn_say "clippy: clean"
