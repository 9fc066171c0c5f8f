# SPDX-License-Identifier: GPL-2.0
# Shared settings for the rust_netns lab scripts.  Sourced, never run.
#
# Every pinned version and every per-architecture fact lives here, so that a
# bump or a new architecture is a one-place change.

# --- pins -------------------------------------------------------------------
# The lab runs inside a Debian root made with mmdebstrap (scripts/root.sh):
# Debian 12 has no LLVM >= 17, which Linux 7.3 needs.  Everything that builds
# or runs the kernel comes from the packages below, at these versions; the
# root's cache key is this list, so a changed pin makes a new root.
ROOT_SUITE=trixie
ROOT_MIRROR=http://deb.debian.org/debian
ROOT_SOURCES=(
	"deb $ROOT_MIRROR trixie main"
	"deb $ROOT_MIRROR trixie-backports main"
)
KERNEL_PKG=linux-source-7.3
KERNEL_PKG_VERSION=7.3.4-1~bpo13+1
KERNEL_TARBALL=/usr/src/linux-source-7.3.tar.xz
RUST_PKG_VERSION=1.85.1+dfsg1-1+deb13u1
LLVM_PKG_VERSION=1:19.1.7-3+b1
LLVM_SUFFIX=-19
QEMU_PKG_VERSION=1:10.0.13+ds-0+deb13u1

# Debian packages of the root, "name" or "name=version".
ROOT_PACKAGES=(
	"$KERNEL_PKG=$KERNEL_PKG_VERSION"
	"rustc=$RUST_PKG_VERSION"
	"rust-src=$RUST_PKG_VERSION"
	"rustfmt=$RUST_PKG_VERSION"
	"rust-clippy=$RUST_PKG_VERSION"
	"bindgen=0.71.1-6"
	"clang-19=$LLVM_PKG_VERSION"
	"lld-19=$LLVM_PKG_VERSION"
	"llvm-19=$LLVM_PKG_VERSION"
	"libclang-19-dev=$LLVM_PKG_VERSION"
	"qemu-system-x86=$QEMU_PKG_VERSION"
	"qemu-system-arm=$QEMU_PKG_VERSION"
	"busybox-static=1:1.37.0-6+b9"
	make flex bison bc cpio xz-utils gzip python3 python3-matplotlib perl git kmod rsync
	libelf-dev libssl-dev gcc libc6-dev gcc-aarch64-linux-gnu
	libc6-dev-arm64-cross bash iproute2 coreutils util-linux
)

# --- locations --------------------------------------------------------------
RN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RN_CACHE=${RUST_NETNS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rust_netns}
# The kernel version as a directory name in the cache.
KVER_DIR=${KERNEL_PKG_VERSION//\~/_}

# The pinned toolchain (inside the root), as kernel make variables.
RN_KMAKE_VARS=(
	LLVM="$LLVM_SUFFIX"
	RUSTC=/usr/bin/rustc
	RUSTDOC=/usr/bin/rustdoc
	RUSTFMT=/usr/bin/rustfmt
	CLIPPY_DRIVER=/usr/bin/clippy-driver
	BINDGEN=/usr/bin/bindgen
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
		# The kernel of the misuse harness's runtime probes (make misuse).
		MISUSE_KERNEL=stress
		MISUSE_KERNEL_NOTE=
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
		MISUSE_KERNEL=debug
		MISUSE_KERNEL_NOTE="arm64 has no stress kernel in the lab's runs: the runtime probes run on the debug kernel (lockdep, DEBUG_ATOMIC_SLEEP; no KASAN, no kmemleak); MISUSE_FLAVOR=stress builds and uses one"
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
	/usr/bin/bindgen --version
	"clang$LLVM_SUFFIX" --version | head -n1
	"ld.lld$LLVM_SUFFIX" --version | head -n1
}

# Whether the guest runs the host's architecture.
rn_native() { [[ $DEB_ARCH == "$(dpkg --print-architecture)" ]]; }

# A foreign guest's userspace comes from Debian's packages for its
# architecture, downloaded with their dependencies and unpacked here (never
# installed): busybox, and the programs below with the libraries they load.
GUEST_DEBS=(busybox-static bash iproute2 coreutils)

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
# no; kselftest's runner wants /usr/bin/timeout, with --foreground).
rn_guest_progs() {
	echo bash ip date readlink [ test timeout
}

rn_hash() { sha256sum | cut -c1-16; }

# The kernel series, in two folders: patches/postable, what is meant for
# upstream (its cover letter first, which carries no diff), and patches/lab
# on top, the lab's measurement knobs.  rn_patches [postable|lab]: the patch
# files of one series, or of both in the order they apply, one per line.
# RUST_NETNS_PATCHES names one flat folder instead (series.sh check builds
# each prefix of the series through it).
RN_SERIES=(postable lab)
rn_patches() {
	local dir p
	if [[ -n ${RUST_NETNS_PATCHES-} ]]; then
		for p in "$RUST_NETNS_PATCHES"/*.patch; do
			[[ -e $p ]] && echo "$p"
		done
		return 0
	fi
	for dir in "${@:-${RN_SERIES[@]}}"; do
		for p in "$RN_ROOT/patches/$dir"/*.patch; do
			[[ -e $p && ${p##*/} != 0000-cover-letter.patch ]] && echo "$p"
		done
	done
	return 0
}

rn_arch_setup
GUEST_SYSROOT=$RN_CACHE/guest/$DEB_ARCH/root

# "bash scripts/lib.sh --kmake-vars": the toolchain variables, for make.
if [[ ${BASH_SOURCE[0]} == "$0" && ${1-} == --kmake-vars ]]; then
	printf '%s\n' "${RN_KMAKE_VARS[@]}"
fi
