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
kmake prepare 2>&1 | tee "$log"
rn_say "clippy: rust_netns"
make -s -C "$kdir" ARCH="$KARCH" M="$RN_ROOT" clean
kmake M="$RN_ROOT" modules 2>&1 | tee -a "$log"
if grep -qE '^(warning|error)(\[|:)' "$log"; then
	rn_die "clippy found problems (above)"
fi
rn_say "clippy: clean"
