# SPDX-License-Identifier: GPL-2.0
#
# rust_netns: out-of-tree Rust module and the lab around it.
#
#   make               build rust_netns.ko against $(KDIR) (default: the cached
#                      test kernel for $(ARCH)/$(FLAVOR), built first if needed)
#   make run           main job: build everything, boot QEMU, insmod, time unshare -n
#   make check         the tests: debug kernel, selftests, Rust doc tests (KUnit)
#   make check T=nsid:dump.sh[,ipv6:teardown.sh]   only those tests, one boot
#                      (TFLAVOR=base|... another kernel than debug)
#   make bench         unshare -n workloads, every netns mode, table + JSON + plot
#   make stress        stress kernel (KASAN, kmemleak, fault injection): 10000
#                      namespaces, hostile and unprivileged writers, reloads
#   make misuse        the misuse harness: probes that misuse the kernel's Rust
#                      abstractions must fail to compile (rustc) or be caught
#                      at run time (stress kernel, arm64: debug), and their
#                      controls must build, load and unload cleanly
#   make setup         make the toolchain root (run by everything else)
#   make series-edit   both kernel patch series as commits in a git worktree
#   make series-export that worktree back to patches/{postable,lab}
#   make series-post   patches/postable as mail: the exporter's git identity
#                      instead of the placeholder, Cc from get_maintainer.pl
#   make checkpatch    scripts/checkpatch.pl --strict on both series
#   make series-check  build the debug kernel with each prefix of the series,
#                      then both whole in each configs/matrix config (WERROR)
#
# Variables: ARCH (x86_64|arm64), FLAVOR (base|debug|preempt|stress|trace), KDIR,
# T and TFLAVOR (check: only those tests, in that kernel),
# SMP, MEM, TIMEOUT, STRESS_N, STRESS_FUZZ, BENCH_*, SERIES_CHECK, SERIES_MATRIX,
# FORCE, MISUSE_FLAVOR (the misuse harness's runtime kernel), RUST_NETNS_CACHE
# (cache directory).
#
# Every tool runs inside the lab's Debian toolchain root (scripts/root.sh):
# outside it, make runs itself there with the same goals and variables.

ARCH ?= x86_64
FLAVOR ?= base
export ARCH FLAVOR

ifndef RN_IN_ROOT

# The exporter's own identity, for series-post (the root has no git config).
export RUST_NETNS_POST_NAME := $(shell git config user.name 2>/dev/null)
export RUST_NETNS_POST_EMAIL := $(shell git config user.email 2>/dev/null)

goals := $(or $(MAKECMDGOALS),default)
.PHONY: $(goals)
$(firstword $(goals)):
	@scripts/root.sh $(MAKE) --no-print-directory $(MAKECMDGOALS)
$(filter-out $(firstword $(goals)),$(goals)):
	@:

else

# Default KDIR: the lab's cached kernel, which "make" then builds on demand.
ifeq ($(origin KDIR),undefined)
KDIR := $(shell scripts/kernel.sh --kdir $(FLAVOR))
KDIR_DEP := kernel
endif

KMAKE_VARS = $(shell bash scripts/lib.sh --kmake-vars)

.PHONY: default modules setup kernel run check bench stress misuse rustfmt rustfmtcheck clippy \
	rust-analyzer series-edit series-export series-post series-check checkpatch clean

default: modules

modules: $(KDIR_DEP)
	$(MAKE) -C $(KDIR) M=$$PWD $(KMAKE_VARS)

setup:
	@scripts/setup.sh

kernel: setup
	@scripts/kernel.sh $(FLAVOR) >/dev/null

run: setup
	@scripts/lab.sh run

check: setup
	@scripts/lab.sh check

bench: setup
	@scripts/lab.sh bench

stress: setup
	@scripts/lab.sh stress

misuse: setup
	@scripts/lab.sh misuse

# Formatting and lints use the kernel's own rustfmt/clippy settings and
# cover the module and the kernel's Rust code with patches/ applied.
rustfmt rustfmtcheck: $(KDIR_DEP)
	@scripts/rustfmt.sh $(if $(filter rustfmtcheck,$@),--check) $(KDIR)
	@$(MAKE) -s -C $(KDIR) $(KMAKE_VARS) $@

clippy: $(KDIR_DEP)
	@scripts/clippy.sh $(KDIR)

rust-analyzer: $(KDIR_DEP)
	$(MAKE) -C $(KDIR) M=$$PWD $(KMAKE_VARS) rust-analyzer

series-edit:
	@scripts/series.sh edit

series-export:
	@scripts/series.sh export

series-post:
	@scripts/series.sh post

series-check:
	@scripts/series.sh check

checkpatch:
	@scripts/checkpatch.sh

clean:
	$(if $(wildcard $(KDIR)/Makefile),$(MAKE) -C $(KDIR) M=$$PWD clean)

endif
