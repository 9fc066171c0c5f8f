# SPDX-License-Identifier: GPL-2.0
# Shared settings for the rust_netns lab scripts.  Sourced, never run.
#
# Every pinned version and every per-architecture fact lives here, so that a
# bump or a new architecture is a one-place change.

# --- pins -------------------------------------------------------------------
KERNEL_PKG=linux-source-6.12
KERNEL_PKG_VERSION=6.12.117-1~deb12u1
KERNEL_TARBALL=/usr/src/linux-source-6.12.tar.xz
RUST_PKG_VERSION=1.85.0+dfsg3-1~deb12u3
BINDGEN_VERSION=0.71.1

# Debian packages the lab needs, "name" or "name=version".
HOST_PACKAGES=(
	"$KERNEL_PKG=$KERNEL_PKG_VERSION"
	"rustc-web=$RUST_PKG_VERSION"
	"libstd-rust-web-dev=$RUST_PKG_VERSION"
	"rust-web-src=$RUST_PKG_VERSION"
	"rust-web-clippy=$RUST_PKG_VERSION"
	clang lld llvm libclang-dev
	make flex bison bc cpio xz-utils gzip python3 perl
	libelf-dev libssl-dev
	busybox-static bash iproute2
)

# --- locations --------------------------------------------------------------
RN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RN_CACHE=${RUST_NETNS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rust_netns}
BINDGEN_ROOT=$RN_CACHE/tools/bindgen-cli-$BINDGEN_VERSION
BINDGEN=$BINDGEN_ROOT/bin/bindgen

# The pinned toolchain, as kernel make variables.  RUSTC & co. are never
# exported into the environment: cargo (used to build bindgen) would pick them
# up and use Debian's rustc instead of its own.
RN_KMAKE_VARS=(
	LLVM=1
	RUSTC=/usr/bin/rustc
	RUSTDOC=/usr/bin/rustdoc
	RUSTFMT=rustfmt
	CLIPPY_DRIVER=/usr/bin/clippy-driver
	BINDGEN="$BINDGEN"
	RUST_LIB_SRC=/usr/lib/rustlib/src/rust/library
)

# --- architectures ----------------------------------------------------------
# The one per-architecture table.  Nothing outside this function may test
# $ARCH.
ARCH=${ARCH:-x86_64}
rn_arch_setup() {
	case "$ARCH" in
	x86_64)
		KARCH=x86_64
		KIMAGE=arch/x86/boot/bzImage
		QEMU=qemu-system-x86_64
		QEMU_MACHINE=(-M pc -cpu max)
		CONSOLE=ttyS0
		DEB_ARCH=amd64
		QEMU_ACCEL=tcg,thread=multi
		GUEST_CC=gcc
		ARCH_HOST_PACKAGES=(qemu-system-x86)
		;;
	arm64)
		KARCH=arm64
		KIMAGE=arch/arm64/boot/Image
		QEMU=qemu-system-aarch64
		QEMU_MACHINE=(-M virt -cpu max)
		CONSOLE=ttyAMA0
		DEB_ARCH=arm64
		QEMU_ACCEL=tcg,thread=multi
		GUEST_CC=aarch64-linux-gnu-gcc
		ARCH_HOST_PACKAGES=(qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
		;;
	*)
		rn_die "ARCH=$ARCH is not supported (x86_64, arm64)"
		;;
	esac
}

# --- helpers ----------------------------------------------------------------
rn_say() { printf '>>> %s\n' "$*" >&2; }
rn_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Versions of everything that goes into a kernel build; part of the cache key.
rn_tool_versions() {
	printf 'kernel %s\n' "$KERNEL_PKG_VERSION"
	/usr/bin/rustc --version
	"$BINDGEN" --version
	clang --version | head -n1
	ld.lld --version | head -n1
}

# Whether the guest runs the host's architecture.
rn_native() { [[ $DEB_ARCH == "$(dpkg --print-architecture)" ]]; }

# A foreign guest's userspace comes from Debian's packages for its
# architecture, downloaded and unpacked here (never installed on the host):
# busybox, and the programs below with the libraries they load.
GUEST_DEBS=(busybox-static bash iproute2 coreutils
	libbpf1 libbsd0 libc6 libcap2 libelf1 libmd0 libmnl0 libtinfo6 zlib1g)

# The guest's busybox.
rn_guest_busybox() {
	if rn_native; then
		echo /bin/busybox
	else
		echo "$GUEST_SYSROOT/bin/busybox"
	fi
}

# Programs copied into the guest with their libraries (from the host, or
# from GUEST_SYSROOT for a foreign guest): bash and iproute2 for the
# upstream tests, and coreutils where busybox differs (its date has no %N;
# its test treats root as able to write any file, where the kernel may say
# no).
rn_guest_progs() {
	echo bash ip date [ test
}

rn_hash() { sha256sum | cut -c1-16; }

rn_arch_setup
GUEST_SYSROOT=$RN_CACHE/guest/$DEB_ARCH/root

# "bash scripts/lib.sh --kmake-vars": the toolchain variables, for make.
if [[ ${BASH_SOURCE[0]} == "$0" && ${1-} == --kmake-vars ]]; then
	printf '%s\n' "${RN_KMAKE_VARS[@]}"
fi
