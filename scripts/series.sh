#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Edit the kernel patch series as code, not as diff text.  There are two
# series, applied in this order (scripts/lib.sh, rn_patches):
#
#   patches/postable  what is meant for upstream, with its cover letter
#                     (0000-cover-letter.patch): the Rust abstractions, the
#                     nsid dump fix and the nsid teardown
#   patches/lab       the lab's measurement knobs on top (old nsid walks,
#                     legacy locking, debugfs counters): never posted
#
#   scripts/series.sh edit     make (or refresh) a git worktree of the pinned
#                              kernel with both series applied as commits on
#                              top of the "pristine" tag, print its path; the
#                              branch rust_netns-postable marks the last
#                              postable commit, and its description holds the
#                              cover letter
#   scripts/series.sh export   write the branch back: pristine..postable to
#                              patches/postable (with the cover letter), the
#                              rest to patches/lab (git format-patch)
#   scripts/series.sh post     write patches/postable as it would be mailed,
#                              to $RN_CACHE/post/DATE (or RUST_NETNS_POST_DIR):
#                              signed and authored by the exporter's git
#                              identity (RUST_NETNS_POST_NAME/_EMAIL, which
#                              "make series-post" takes from git config
#                              outside the root) instead of the committed
#                              placeholder, with each patch's Cc from the
#                              pinned tree's scripts/get_maintainer.pl and the
#                              cover letter's from all of them; refuses to run
#                              without an identity
#   scripts/series.sh check    build the debug kernel (Rust doc tests
#                              included) with each prefix of both series, so
#                              that every patch builds on its own; then both
#                              whole with CONFIG_WERROR=y in each config of
#                              configs/matrix (SERIES_CHECK=prefixes|matrix
#                              runs one half, SERIES_MATRIX=NAME one config)
#
# Work in the worktree with git as usual (commit --fixup, rebase -i
# --update-refs, so that rust_netns-postable follows; edit the cover letter
# with "git branch --edit-description rust_netns-postable"), then export;
# "make check" applies patches/ to its own tree and rebuilds what changed.
# edit refuses to throw away commits or changes that were not exported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[[ -n ${RN_IN_ROOT-} ]] || exec "$RN_ROOT/scripts/root.sh" "$0" "$@"

SRC=$("$RN_ROOT/scripts/kernel.sh" --src)
WT=$RN_CACHE/series/$KVER_DIR/linux
BRANCH=rust_netns-series
POSTABLE=rust_netns-postable
COVER=$RN_ROOT/patches/postable/0000-cover-letter.patch
# The committed series' author and sign-off: a placeholder, never mailed
# ("post" puts the exporter's identity in its place).
PLACEHOLDER_NAME="rust_netns developers"
PLACEHOLDER_EMAIL=rust-netns@localhost
git_wt() { git -C "$WT" -c user.name="$PLACEHOLDER_NAME" -c user.email="$PLACEHOLDER_EMAIL" "$@"; }

# format_series DIR: both series as patch files in DIR/postable (with the
# cover letter, from the branch description) and DIR/lab.
format_series() {
	mkdir -p "$1/postable" "$1/lab"
	git_wt format-patch -q --zero-commit --no-signature --cover-letter \
		--cover-from-description=subject -o "$1/postable" "$POSTABLE" ^pristine
	git_wt format-patch -q --zero-commit --no-signature --subject-prefix="PATCH lab" \
		-o "$1/lab" "$POSTABLE"..HEAD
}

# The patches of DIR (both series, without the cover letter, whose date
# changes with every export), as one text to compare.
series_text() {
	local s
	for s in "${RN_SERIES[@]}"; do
		cat /dev/null $(ls "$1/$s"/*.patch 2>/dev/null | grep -v '/0000-cover-letter.patch$')
	done | sed '/^index /d'
}

# The cover letter's subject and text, without what format-patch adds (the
# headers, the shortlog and the diffstat): the branch description.
cover_description() {
	awk '/^Subject: / { s = $0; while ((getline l) > 0 && l ~ /^ /) s = s l; print s; exit }' "$COVER" |
		sed 's/^Subject: \[PATCH[^]]*\] //'
	echo
	awk 'body && /^[^ ].* \([0-9]+\):$/ { exit } body { print } /^$/ && !body { body = 1 }' "$COVER" |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
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
		if [[ $(git_wt rev-list --count pristine..HEAD) -gt 0 && -z ${FORCE-} ]]; then
			tmp=$(mktemp -d)
			format_series "$tmp" 2>/dev/null || true
			same=$([[ $(series_text "$tmp") == "$(series_text "$RN_ROOT/patches")" ]] && echo y || true)
			rm -rf "$tmp"
			[[ -n $same ]] ||
				rn_die "$WT holds commits that differ from patches/: 'make series-export' them first, or run with FORCE=1 to drop them"
		fi
		git_wt checkout -q -f -B "$BRANCH" pristine
	fi
	for s in "${RN_SERIES[@]}"; do
		for p in $(rn_patches "$s"); do
			git_wt am -q --whitespace=nowarn "$p" ||
				{ git_wt am --abort; rn_die "${p#"$RN_ROOT"/} does not apply"; }
		done
		[[ $s != postable ]] || git_wt branch -f "$POSTABLE" HEAD
	done
	[[ ! -f $COVER ]] || git_wt config "branch.$POSTABLE.description" "$(cover_description)"
	rn_say "series: $(git_wt rev-list --count pristine.."$POSTABLE") postable and" \
		"$(git_wt rev-list --count "$POSTABLE"..HEAD) lab commit(s) on $BRANCH, edit them in:"
	echo "$WT"
	;;
export)
	[[ -e $WT/.git ]] || rn_die "no series worktree: run 'make series-edit' first"
	[[ -z $(git_wt status --porcelain --untracked-files=no) ]] ||
		rn_die "$WT has uncommitted changes: commit them first"
	git_wt merge-base --is-ancestor "$POSTABLE" HEAD ||
		rn_die "$POSTABLE is not below $BRANCH: rebase with --update-refs"
	tmp=$(mktemp -d)
	format_series "$tmp"
	for s in "${RN_SERIES[@]}"; do
		rm -f "$RN_ROOT/patches/$s"/*.patch
		mkdir -p "$RN_ROOT/patches/$s"
		cp "$tmp/$s"/*.patch "$RN_ROOT/patches/$s/"
	done
	rm -rf "$tmp"
	rn_say "series: exported $(rn_patches postable | wc -l) postable and $(rn_patches lab | wc -l) lab patch(es)"
	git -C "$RN_ROOT" status --short -- patches
	;;
post)
	name=${RUST_NETNS_POST_NAME-} email=${RUST_NETNS_POST_EMAIL-}
	[[ -n $name && -n $email ]] ||
		rn_die "series: no identity to sign with: set your own user.name and user.email in git config (the DCO wants a real person's); the committed series keeps its placeholder"
	[[ $email != "$PLACEHOLDER_EMAIL" && $name != "$PLACEHOLDER_NAME" ]] ||
		rn_die "series: git config's identity is the committed placeholder: set your own"
	[[ $name$email != *$'\n'* ]] || rn_die "series: the identity has a newline in it"
	# For sed's replacement: & | and \ as themselves.
	ident=$(printf '%s' "$name <$email>" | sed 's/[&|\\]/\\&/g')
	who=$(printf '%s' "$name" | sed 's/[&|\\]/\\&/g')
	out=${RUST_NETNS_POST_DIR:-$RN_CACHE/post/$(date -u +%Y%m%d-%H%M%S)}
	mkdir -p "$out"
	rm -f "$out"/*.patch
	ccs=$(mktemp)
	trap 'rm -f "$ccs"' EXIT
	mapfile -t files < <(ls "$RN_ROOT"/patches/postable/*.patch)
	rn_say "series: writing ${#files[@]} mail(s) to $out as $name <$email>, Cc from get_maintainer.pl"
	for p in "${files[@]}"; do
		f=$out/${p##*/}
		# The placeholder in From:, Signed-off-by: and the cover's shortlog.
		sed -e "s|$PLACEHOLDER_NAME <$PLACEHOLDER_EMAIL>|$ident|g" \
			-e "s|^$PLACEHOLDER_NAME (\([0-9]*\)):\$|$who (\1):|" "$p" >"$f"
		grep -q "$PLACEHOLDER_EMAIL" "$f" && rn_die "series: ${f##*/} still names the placeholder"
		[[ ${p##*/} != 0000-cover-letter.patch ]] || continue
		# get_maintainer.pl reads the paths of the diff and MAINTAINERS
		# (the pinned tree has no history: no git blame, no Fixes: authors).
		(cd "$SRC" && perl scripts/get_maintainer.pl --no-rolestats --no-git --no-fixes \
			--no-git-fallback --no-multiline --separator ', ' "$f") >"$f.cc" ||
			rn_die "series: get_maintainer.pl failed on ${f##*/}"
		tr ',' '\n' <"$f.cc" | sed 's/^ *//' | grep -v '^$' >>"$ccs" || true
	done
	for p in "${files[@]}"; do
		f=$out/${p##*/}
		if [[ ${p##*/} == 0000-cover-letter.patch ]]; then
			cc=$(sort -u "$ccs" | paste -sd, | sed 's/,/, /g')
		else
			cc=$(cat "$f.cc")
			rm -f "$f.cc"
		fi
		[[ -n $cc ]] || continue
		# After the Subject: header and its continuation lines.
		awk -v cc="Cc: $cc" '
			!done && /^Subject: / { subj = 1; print; next }
			subj && !/^ / { print cc; subj = 0; done = 1 }
			{ print }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
	done
	rn_say "series: ready to mail (git send-email $out/*.patch):"
	ls -1 "$out"
	;;
check)
	mapfile -t all < <(rn_patches)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if [[ ${SERIES_CHECK:-all} != matrix ]]; then
		for ((k = 1; k <= ${#all[@]}; k++)); do
			rm -f "$tmp"/*.patch
			for ((i = 0; i < k; i++)); do
				cp "${all[i]}" "$tmp/$(printf '%04d' "$i")-${all[i]##*/}"
			done
			rn_say "series: building with patches 1-$k (${all[k - 1]#"$RN_ROOT"/patches/})"
			RUST_NETNS_PATCHES=$tmp "$RN_ROOT/scripts/kernel.sh" debug >/dev/null ||
				rn_die "the series does not build at ${all[k - 1]#"$RN_ROOT"/patches/}"
		done
		rn_say "series: each of the ${#all[@]} patches builds on its own"
	fi
	if [[ ${SERIES_CHECK:-all} != prefixes ]]; then
		bad=()
		for c in "$RN_ROOT"/configs/matrix/${SERIES_MATRIX:-*}.config; do
			c=matrix/$(basename "$c" .config)
			rn_say "series: building both series whole in $c (CONFIG_WERROR=y)"
			"$RN_ROOT/scripts/kernel.sh" "$c" >/dev/null || bad+=("$c")
		done
		((${#bad[@]} == 0)) || rn_die "the series does not build in: ${bad[*]}"
		rn_say "series: both series build in every configs/matrix config"
	fi
	;;
*) rn_die "usage: series.sh edit|export|post|check" ;;
esac
