#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The lab's toolchain root: a Debian $ROOT_SUITE tree made with mmdebstrap,
# holding every tool that builds or boots the test kernel, at the versions
# pinned in scripts/lib.sh.  It lives in the cache under a key made of the
# suite, the sources and the package list, so a changed pin makes a new root
# and an unchanged one is reused as it is.
#
#   scripts/root.sh CMD [ARGS...]   run CMD inside the root, in a private
#                                   mount namespace, from the same directory
#   scripts/root.sh --path          build the root if needed, print its path
#
# Inside, the repository and the cache are bind-mounted at their own paths,
# so every path means the same inside and out.  Already inside (RN_IN_ROOT
# set), CMD runs directly.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [[ -n ${RN_IN_ROOT-} ]]; then
	[[ ${1-} != --path ]] || { echo /; exit 0; }
	exec "$@"
fi
((EUID == 0)) || rn_die "the lab's toolchain root needs root (mmdebstrap, chroot, mount): run as root"

key=$(printf '%s\n' "$ROOT_SUITE" "${ROOT_SOURCES[@]}" "${ROOT_PACKAGES[@]}" | rn_hash)
ROOT=$RN_CACHE/root/$ROOT_SUITE-$key

# enter ROOT CMD...: run CMD inside ROOT with /proc, /sys, /dev, a fresh
# /tmp, the repository and the cache; the mounts vanish with the namespace.
enter() {
	local root=$1 env=() v
	shift
	# What the lab's scripts read from the environment, and nothing else.
	while IFS= read -r v; do
		env+=("$v")
	done < <(env | grep -E '^(ARCH|FLAVOR|KDIR|SMP|MEM|TIMEOUT|T|TFLAVOR|BENCH_[A-Z0-9_]+|STRESS_[A-Z0-9_]+|MISUSE_[A-Z_]+|SERIES_[A-Z]+|FORCE|CI|TERM|MAKEFLAGS|RUST_NETNS_[A-Z_]+)=' || true)
	unshare -m --propagation private -- /bin/bash -euc '
		root=$1 repo=$2 cache=$3 dir=$4
		shift 4
		mount -t proc proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs tmpfs "$root/tmp"
		[[ -e $root/etc/resolv.conf ]] || : >"$root/etc/resolv.conf"
		mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
		mkdir -p "$root$repo" "$root$cache"
		mount --bind "$repo" "$root$repo"
		mount --bind "$cache" "$root$cache"
		exec chroot "$root" /bin/sh -c "cd \"\$1\" && shift && exec \"\$@\"" sh "$dir" "$@"
	' sh "$root" "$RN_ROOT" "$RN_CACHE" "$PWD" \
		/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		RN_IN_ROOT=1 RUST_NETNS_CACHE="$RN_CACHE" "${env[@]}" "$@"
}

# Pinned versions that the sources offer no more: name what they offer and
# where the pin is.
check_pins() {
	local root=$1 spec name want offered bad=0
	for spec in "${ROOT_PACKAGES[@]}"; do
		[[ $spec == *=* ]] || continue
		name=${spec%%=*} want=${spec#*=}
		offered=$(enter "$root" apt-cache madison "$name" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | sort -u)
		if ! grep -qxF -- "$want" <<<"$offered"; then
			printf 'error: pinned %s=%s is not offered by %s; offered: %s\n' \
				"$name" "$want" "$ROOT_SUITE" "$(echo ${offered:-nothing})" >&2
			# The line that sets this version.
			grep -nF -- "$want" "$RN_ROOT/scripts/lib.sh" | head -n1 |
				sed 's|^|  change scripts/lib.sh:|' >&2
			bad=1
		fi
	done
	((bad == 0)) || rn_die "pinned versions are gone from the mirror: change the lines named above"
}

build_root() {
	local tmp
	command -v mmdebstrap >/dev/null || {
		rn_say "root: installing mmdebstrap on the host"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			mmdebstrap >/dev/null
	}
	tmp=$ROOT.tmp
	rm -rf "$tmp"
	mkdir -p "$(dirname "$ROOT")"
	rn_say "root: making a Debian $ROOT_SUITE root with mmdebstrap (~1 min): $ROOT"
	mmdebstrap --quiet --variant=minbase --architectures=amd64,arm64 \
		--aptopt='APT::Install-Recommends "false"' \
		--aptopt='Acquire::Retries "3"' \
		"$ROOT_SUITE" "$tmp" "${ROOT_SOURCES[@]}" ||
		rn_die "mmdebstrap failed"
	enter "$tmp" apt-get update -qq
	check_pins "$tmp"
	rn_say "root: installing ${#ROOT_PACKAGES[@]} pinned packages (~3 min)"
	enter "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${ROOT_PACKAGES[@]}" >"$RN_CACHE/root/install.log" 2>&1 || {
		tail -n 30 "$RN_CACHE/root/install.log" >&2
		rn_die "installing the root's packages failed (log: $RN_CACHE/root/install.log)"
	}
	enter "$tmp" apt-get clean
	printf '%s\n' "${ROOT_PACKAGES[@]}" >"$tmp/.rust_netns-root"
	mv "$tmp" "$ROOT"
	rn_say "root: ready ($(du -sh "$ROOT" | cut -f1))"
}

mkdir -p "$RN_CACHE/root"
if [[ ! -f $ROOT/.rust_netns-root ]]; then
	exec 8>"$RN_CACHE/root/.lock"
	flock 8
	[[ -f $ROOT/.rust_netns-root ]] || build_root
	exec 8>&-
fi
if [[ ${1-} == --path ]]; then
	echo "$ROOT"
	exit 0
fi
(($#)) || rn_die "usage: root.sh CMD [ARGS...] | --path"
# On one line with the exit: bash reads a script as it runs, and this one
# waits here for the whole lab; an edit meanwhile must not run more of it.
enter "$ROOT" "$@"; exit
