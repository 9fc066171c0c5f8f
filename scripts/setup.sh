#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install, idempotently and only what is missing, the pinned toolchain the lab
# needs: Debian packages at exact versions and bindgen-cli from crates.io.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# dpkg's view of a package: its installed version, or nothing.
installed_version() {
	{ dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null ||
		true; } | awk '$1 == "ii" { print $2 }'
}

missing=()
for spec in "${HOST_PACKAGES[@]}" "${ARCH_HOST_PACKAGES[@]}"; do
	name=${spec%%=*}
	want=
	[[ $spec == *=* ]] && want=${spec#*=}
	have=$(installed_version "$name")
	if [[ -z $have || ( -n $want && $have != "$want" ) ]]; then
		missing+=("$spec")
	fi
done
need_cargo=
if [[ ! -x $BINDGEN ]] && ! command -v cargo >/dev/null; then
	need_cargo="cargo-web=$RUST_PKG_VERSION"
	missing+=("$need_cargo")
fi

if ((${#missing[@]})); then
	if ((EUID != 0)); then
		rn_die "missing packages: ${missing[*]}
run as root:
  apt-get update && apt-get install -y --no-install-recommends --allow-downgrades ${missing[*]}"
	fi
	rn_say "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	for spec in "${missing[@]}"; do
		[[ $spec == *=* ]] || continue
		name=${spec%%=*}
		if ! apt-cache madison "$name" | awk -F' [|] ' '{ print $2 }' |
			grep -qxF "${spec#*=}"; then
			rn_die "pinned package $spec is no longer offered by the package mirror (apt-cache madison $name); update the pin in scripts/lib.sh"
		fi
	done
	apt-get install -y -qq --no-install-recommends --allow-downgrades \
		"${missing[@]}" >/dev/null
fi

[[ -f $KERNEL_TARBALL ]] ||
	rn_die "$KERNEL_TARBALL is missing although $KERNEL_PKG is installed"

if [[ ! -x $BINDGEN ]] || ! "$BINDGEN" --version | grep -qF " $BINDGEN_VERSION"; then
	rn_say "setup: cargo install bindgen-cli $BINDGEN_VERSION (a few minutes)"
	# Keep the pinned Debian rustc out of cargo's way.
	env -u RUSTC -u RUSTDOC cargo install --quiet --locked --force \
		--root "$BINDGEN_ROOT" bindgen-cli --version "$BINDGEN_VERSION"
fi

# A foreign guest's userspace: Debian's packages for its architecture,
# downloaded and unpacked into the cache, never installed on the host.
if ! rn_native; then
	stamp=$GUEST_SYSROOT/.debs
	if [[ ! -f $stamp || $(cat "$stamp") != "${GUEST_DEBS[*]}" ]]; then
		if ! dpkg --print-foreign-architectures | grep -qx "$DEB_ARCH"; then
			((EUID == 0)) || rn_die "the $DEB_ARCH guest needs Debian's $DEB_ARCH packages; run as root:
  dpkg --add-architecture $DEB_ARCH && apt-get update"
			rn_say "setup: adding Debian architecture $DEB_ARCH"
			dpkg --add-architecture "$DEB_ARCH"
			apt-get update -qq
		fi
		rn_say "setup: downloading the $DEB_ARCH guest userspace (${GUEST_DEBS[*]})"
		debs=$RN_CACHE/guest/$DEB_ARCH/debs
		rm -rf "$debs" "$GUEST_SYSROOT"
		mkdir -p "$debs" "$GUEST_SYSROOT"
		(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "${GUEST_DEBS[@]/%/:$DEB_ARCH}") ||
			rn_die "apt-get download failed for the $DEB_ARCH guest packages"
		for deb in "$debs"/*.deb; do
			dpkg-deb -x "$deb" "$GUEST_SYSROOT"
		done
		echo "${GUEST_DEBS[*]}" >"$stamp"
	fi
fi

rn_say "setup: toolchain ready ($(/usr/bin/rustc --version), $("$BINDGEN" --version))"
