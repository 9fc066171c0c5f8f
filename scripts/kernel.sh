#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the pinned test kernel for $ARCH in configuration CONFIG
# (base|debug|preempt|stress: configs/CONFIG.config).
#
#   scripts/kernel.sh CONFIG          build if needed, print the build dir
#   scripts/kernel.sh --kdir CONFIG   only print where the build dir is
#   scripts/kernel.sh --src           unpack the source if needed, print where
#
# The pinned linux-source tarball is unpacked once into a git repository in
# the cache ("pristine" tag).  The two series, patches/postable and then
# patches/lab (scripts/lib.sh, rn_patches), are applied on top as one
# commit; when the series changes, the tree checks out the new commit, which
# rewrites only the files whose contents change, so the kernel rebuilds
# only what the change touches.  Each (ARCH, CONFIG) has its own O= build dir
# holding a stamp of the cache key: kernel version, tool versions, patch
# series (its diffs) and config fragments.  Same key, no kernel work at all.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SRC=$RN_CACHE/src/$KVER_DIR/linux

mode=build
case ${1-} in
--kdir) mode=kdir; shift ;;
--src) mode=src; CONFIG=none ;;
esac
[[ -n ${RN_IN_ROOT-} || $mode == kdir ]] || exec "$RN_ROOT/scripts/root.sh" "$0" "$@"
CONFIG=${CONFIG:-${1:?usage: kernel.sh [--kdir] base|debug|... or kernel.sh --src}}
[[ $mode == src || -f $RN_ROOT/configs/$CONFIG.config ]] || rn_die "no configs/$CONFIG.config"
O=$RN_CACHE/build/$KVER_DIR/$ARCH-$CONFIG
if [[ $mode == kdir ]]; then
	echo "$O"
	exit 0
fi

# base is the root of every configuration; the others layer on top of it,
# and a fragment saying "# on top of: NAME" on top of configs/NAME.config.
fragments=("$RN_ROOT/configs/base.config")
if [[ $CONFIG != base && $mode != src ]]; then
	under=$(sed -n 's/^# on top of: *\([a-z0-9_-]*\)$/\1/p' "$RN_ROOT/configs/$CONFIG.config")
	[[ -z $under ]] || fragments+=("$RN_ROOT/configs/$under.config")
	fragments+=("$RN_ROOT/configs/$CONFIG.config")
fi
fragments+=("$RN_ROOT/configs/arch/$ARCH.config")
mapfile -t patches < <(rn_patches)

# The series counts by its diffs: a patch whose commit message alone
# changed builds the same kernel, so it neither re-applies nor rebuilds.
series_key=$(for p in "${patches[@]}"; do sed -n '/^diff --git /,$p' "$p"; done | rn_hash)
tools_key=$(rn_tool_versions | rn_hash)
config_key=$(cat "${fragments[@]}" | rn_hash)
key="$tools_key-$series_key-$config_key"

mkdir -p "$RN_CACHE/src"
exec 9>"$RN_CACHE/src/.lock"
[[ $mode == src && -f $SRC/.git/rust_netns-unpacked ]] || flock 9

# --- source tree ------------------------------------------------------------
if [[ ! -f $SRC/.git/rust_netns-unpacked ]]; then
	rn_say "kernel: unpacking $KERNEL_PKG $KERNEL_PKG_VERSION into $SRC (~2 min)"
	[[ -f $KERNEL_TARBALL ]] ||
		rn_die "$KERNEL_TARBALL missing: run 'make setup' ($KERNEL_PKG=$KERNEL_PKG_VERSION)"
	tmp=$(mktemp -d "$RN_CACHE/src/.unpack.XXXXXX")
	tar -C "$tmp" -xf "$KERNEL_TARBALL"
	top=("$tmp"/*)
	# Debian's tarball ignores everything at the top level (its packaging
	# lines at the end of .gitignore), which would hide every file a patch
	# adds; mainline has no such lines.
	n=$(grep -n '^# Debian packaging' "${top[0]}/.gitignore" | cut -d: -f1)
	[[ -z $n ]] || sed -i "$((n - 2)),\$d" "${top[0]}/.gitignore"
	git -C "${top[0]}" init -q
	git -C "${top[0]}" add -A -f .
	git -C "${top[0]}" -c user.name=rust_netns -c user.email=rust_netns@localhost \
		commit -q -m "$KERNEL_PKG $KERNEL_PKG_VERSION"
	git -C "${top[0]}" tag pristine
	: >"${top[0]}/.git/rust_netns-unpacked"
	mkdir -p "$(dirname "$SRC")"
	mv "${top[0]}" "$SRC"
	rm -rf "$tmp"
fi
if [[ $mode == src ]]; then
	echo "$SRC"
	exit 0
fi

applied=$(cat "$SRC/.git/rust_netns-series" 2>/dev/null || true)
if [[ $applied != "$series_key" ]]; then
	rn_say "kernel: applying ${#patches[@]} patch(es) from patches/{postable,lab}"
	rm -f "$SRC/.git/rust_netns-series"
	# The series becomes one commit on pristine, made in a scratch index,
	# and the tree checks it out: git rewrites only the files whose
	# contents change, so the build redoes only what the change touches.
	index=$(mktemp "$RN_CACHE/src/.index.XXXXXX")
	GIT_INDEX_FILE=$index git -C "$SRC" read-tree pristine
	for p in "${patches[@]}"; do
		if ! GIT_INDEX_FILE=$index git -C "$SRC" apply --cached --whitespace=nowarn "$p" \
			>"$RN_CACHE/src/am.log" 2>&1; then
			cat "$RN_CACHE/src/am.log" >&2
			rm -f "$index"
			rn_die "patch ${p#"$RN_ROOT"/} does not apply to $KERNEL_PKG $KERNEL_PKG_VERSION"
		fi
	done
	tree=$(GIT_INDEX_FILE=$index git -C "$SRC" write-tree)
	rm -f "$index"
	commit=$(git -C "$SRC" -c user.name=rust_netns -c user.email=rust_netns@localhost \
		commit-tree "$tree" -p pristine -m "rust_netns series $series_key")
	git -C "$SRC" am --abort >/dev/null 2>&1 || true
	git -C "$SRC" checkout -q -f --detach "$commit"
	git -C "$SRC" clean -q -f -d -x
	echo "$series_key" >"$SRC/.git/rust_netns-series"
fi

# --- configure and build ----------------------------------------------------
if [[ -f $O/.rust_netns-key && $(cat "$O/.rust_netns-key") == "$key" &&
	-f $O/$KIMAGE ]]; then
	rn_say "kernel: $ARCH/$CONFIG up to date ($O)"
	echo "$O"
	exit 0
fi
if [[ -f $O/.rust_netns-tools && $(cat "$O/.rust_netns-tools") != "$tools_key" ]]; then
	rn_say "kernel: toolchain changed, discarding $O"
	rm -rf "$O"
fi
mkdir -p "$O"
rm -f "$O/.rust_netns-key"
echo "$tools_key" >"$O/.rust_netns-tools"

kmake() {
	make -C "$SRC" O="$O" ARCH="$KARCH" "${RN_KMAKE_VARS[@]}" "$@"
}
log=$O/build.log
: >"$log"
if ! kmake rustavailable >>"$log" 2>&1; then
	cat "$log" >&2
	rn_die "the kernel cannot use the pinned Rust toolchain: run 'make setup'"
fi

rn_say "kernel: configuring $ARCH/$CONFIG (tinyconfig + ${fragments[*]##*/configs/})"
kmake tinyconfig >>"$log" 2>&1
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$O" "$O/.config" "${fragments[@]}" \
	>>"$log" 2>&1
kmake olddefconfig >>"$log" 2>&1

# merge_config only warns when a symbol does not stick; here it is an error,
# so a fragment never silently asks for something the kernel does not have.
# A later fragment overrides an earlier one (configs/matrix turns off what
# base turns on): each symbol's last line is the one checked.
declare -A want=()
syms=()
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) sym=${line%%=*} ;;
	"# CONFIG_"*" is not set") sym=${line#"# "} sym=${sym%% *} ;;
	*) continue ;;
	esac
	[[ -n ${want[$sym]+set} ]] || syms+=("$sym")
	want[$sym]=$line
done < <(cat "${fragments[@]}")
bad=()
for sym in "${syms[@]}"; do
	line=${want[$sym]}
	case "$line" in
	CONFIG_*=*) grep -qxF -- "$line" "$O/.config" || bad+=("$line") ;;
	*) ! grep -q "^$sym=" "$O/.config" || bad+=("$line") ;;
	esac
done
if ((${#bad[@]})); then
	# Part of a series (series.sh check) may lack a symbol a later patch adds.
	[[ -n ${RUST_NETNS_PATCHES-} ]] ||
		rn_die "config symbols that did not survive olddefconfig: ${bad[*]}"
	rn_say "kernel: not in this part of the series: ${bad[*]}"
fi

rn_say "kernel: building $ARCH/$CONFIG with $(nproc) jobs (cold: ~8 min on 2 cores; log: $log)"
start=$SECONDS
if ! kmake -j"$(nproc)" >>"$log" 2>&1; then
	grep -E 'error|Error' "$log" | tail -n 30 >&2
	rn_die "kernel build failed; full log: $log"
fi
echo "$key" >"$O/.rust_netns-key"
rn_say "kernel: $ARCH/$CONFIG built in $((SECONDS - start)) s"
echo "$O"
