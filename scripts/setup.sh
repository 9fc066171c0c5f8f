#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything the lab needs besides the toolchain root's own packages, made
# once and kept in the cache: for a foreign guest ($ARCH not the root's),
# Debian's packages of its architecture, downloaded and unpacked (never
# installed).  Runs inside the root (scripts/root.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[[ -n ${RN_IN_ROOT-} ]] || exec "$RN_ROOT/scripts/root.sh" "$0" "$@"

if ! rn_native; then
	stamp=$GUEST_SYSROOT/.debs
	if [[ ! -f $stamp || $(cat "$stamp") != "${GUEST_DEBS[*]}" ]]; then
		rn_say "setup: downloading the $DEB_ARCH guest userspace (${GUEST_DEBS[*]})"
		debs=$RN_CACHE/guest/$DEB_ARCH/debs
		rm -rf "$debs" "$GUEST_SYSROOT"
		mkdir -p "$debs" "$GUEST_SYSROOT"
		[[ -f /var/lib/apt/lists/lock && -n $(ls /var/lib/apt/lists/*_Packages 2>/dev/null) ]] ||
			apt-get update -qq
		# The packages and everything they depend on, for $DEB_ARCH.
		mapfile -t closure < <(apt-cache depends --recurse --no-recommends \
			--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
			"${GUEST_DEBS[@]/%/:$DEB_ARCH}" | grep -E "^[a-z0-9.+-]+:$DEB_ARCH\$" | sort -u)
		((${#closure[@]})) || rn_die "cannot resolve the $DEB_ARCH guest packages"
		(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "${closure[@]}") ||
			rn_die "apt-get download failed for the $DEB_ARCH guest packages"
		for deb in "$debs"/*.deb; do
			dpkg-deb -x "$deb" "$GUEST_SYSROOT"
		done
		echo "${GUEST_DEBS[*]}" >"$stamp"
	fi
fi
rn_say "setup: toolchain ready ($(/usr/bin/rustc --version), $(/usr/bin/bindgen --version), clang $("clang$LLVM_SUFFIX" -dumpversion))"
