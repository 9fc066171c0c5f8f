#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Edit the kernel patch series as code, not as diff text:
#
#   scripts/series.sh edit     make (or refresh) a git worktree of the pinned
#                              kernel with patches/ applied as commits on top
#                              of the "pristine" tag, and print its path
#   scripts/series.sh export   write that branch back to patches/ with
#                              git format-patch (one file per commit)
#   scripts/series.sh check    build the debug kernel (Rust doc tests
#                              included) with each prefix of patches/, so
#                              that every patch builds on its own
#
# Work in the worktree with git as usual (commit --fixup, rebase -i, ...),
# then export; "make check" applies patches/ to its own tree and rebuilds
# what changed.  edit refuses to throw away commits or changes that were not
# exported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[[ -n ${RN_IN_ROOT-} ]] || exec "$RN_ROOT/scripts/root.sh" "$0" "$@"

SRC=$("$RN_ROOT/scripts/kernel.sh" --src)
WT=$RN_CACHE/series/$KVER_DIR/linux
BRANCH=rust_netns-series
git_wt() { git -C "$WT" -c user.name="rust_netns" -c user.email="rust-netns@localhost" "$@"; }

# format_series DIR: the branch as patch files in DIR.
format_series() {
	git_wt format-patch -q --zero-commit --no-signature -o "$1" pristine..HEAD
}

# The series as format-patch would write it, to compare with patches/.
exported() {
	local tmp
	tmp=$(mktemp -d)
	format_series "$tmp"
	cat /dev/null "$tmp"/*.patch
	rm -rf "$tmp"
}

case ${1-} in
edit)
	if [[ ! -e $WT/.git ]]; then
		rn_say "series: adding a worktree of $KERNEL_PKG $KERNEL_PKG_VERSION at $WT"
		mkdir -p "$(dirname "$WT")"
		git -C "$SRC" worktree prune
		git -C "$SRC" worktree add -q -f -B "$BRANCH" "$WT" pristine
	else
		[[ -z $(git_wt status --porcelain --untracked-files=no) ]] ||
			rn_die "$WT has uncommitted changes: commit and 'make series-export', or discard them"
		if [[ $(exported | sed '/^index /d') != "$(cat /dev/null "$RN_ROOT"/patches/*.patch | sed '/^index /d')" ]] &&
			[[ $(git_wt rev-list --count pristine..HEAD) -gt 0 ]] && [[ -z ${FORCE-} ]]; then
			rn_die "$WT holds commits that differ from patches/: 'make series-export' them first, or run with FORCE=1 to drop them"
		fi
		git_wt checkout -q -f -B "$BRANCH" pristine
	fi
	for p in "$RN_ROOT"/patches/*.patch; do
		[[ -e $p ]] || continue
		git_wt am -q --whitespace=nowarn "$p" ||
			{ git_wt am --abort; rn_die "${p#"$RN_ROOT"/} does not apply"; }
	done
	rn_say "series: $(git_wt rev-list --count pristine..HEAD) commit(s) on $BRANCH, edit them in:"
	echo "$WT"
	;;
export)
	[[ -e $WT/.git ]] || rn_die "no series worktree: run 'make series-edit' first"
	[[ -z $(git_wt status --porcelain --untracked-files=no) ]] ||
		rn_die "$WT has uncommitted changes: commit them first"
	rm -f "$RN_ROOT"/patches/*.patch
	format_series "$RN_ROOT/patches"
	rn_say "series: exported $(ls "$RN_ROOT"/patches/*.patch | wc -l) patch(es) to patches/"
	git -C "$RN_ROOT" status --short -- patches
	;;
check)
	mapfile -t all < <(ls "$RN_ROOT"/patches/*.patch)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	for ((k = 1; k <= ${#all[@]}; k++)); do
		rm -f "$tmp"/*.patch
		cp "${all[@]:0:k}" "$tmp/"
		rn_say "series: building with patches 1-$k (${all[k - 1]##*/})"
		RUST_NETNS_PATCHES=$tmp "$RN_ROOT/scripts/kernel.sh" debug >/dev/null ||
			rn_die "the series does not build at ${all[k - 1]##*/}"
	done
	rn_say "series: each of the ${#all[@]} patches builds on its own"
	;;
*) rn_die "usage: series.sh edit|export|check" ;;
esac
