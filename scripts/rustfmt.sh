#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Format (or --check) the module's Rust files with the kernel's rustfmt
# settings:  scripts/rustfmt.sh [--check] KDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

check=()
if [[ ${1-} == --check ]]; then
	check=(--check)
	shift
fi
kdir=${1:?usage: rustfmt.sh [--check] KDIR}
toml=$kdir/.rustfmt.toml
[[ -f $toml ]] || toml=$kdir/source/.rustfmt.toml
[[ -f $toml ]] || rn_die "no .rustfmt.toml in $kdir"
rustfmt "${check[@]}" --config-path "$toml" "$RN_ROOT"/*.rs
