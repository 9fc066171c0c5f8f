// SPDX-License-Identifier: GPL-2.0

//! rust_netns: per-network-namespace state in safe Rust.
//!
//! First version: a module that loads and unloads cleanly, so that the lab
//! around it (test kernel, initramfs, QEMU runner, selftests) can be built
//! and proven.  Pernet registration replaces it once the abstractions land.

use kernel::prelude::*;

module! {
    type: RustNetns,
    name: "rust_netns",
    author: "rust_netns developers",
    description: "Per-network-namespace state in safe Rust",
    license: "GPL",
}

struct RustNetns;

impl kernel::Module for RustNetns {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("loaded\n");
        Ok(RustNetns)
    }
}

impl Drop for RustNetns {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
