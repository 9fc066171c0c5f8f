// SPDX-License-Identifier: GPL-2.0

//! rust_netns: per-network-namespace state in safe Rust.
//!
//! This version registers pernet operations through `kernel::net::pernet` and counts the
//! namespaces it sees created and destroyed; the peer-id tables come next. On unload it reports
//! both counts, which must be equal: every namespace whose `init` ran gets its `exit`, whether
//! it dies while the module is loaded or is still alive at unload.

use core::sync::atomic::{AtomicU64, Ordering};
use kernel::net::{pernet, NetRef};
use kernel::prelude::*;

module! {
    type: RustNetns,
    name: "rust_netns",
    author: "rust_netns developers",
    description: "Per-network-namespace state in safe Rust",
    license: "GPL",
}

/// Module-wide state shared by the pernet callbacks.
struct Counters {
    inits: AtomicU64,
    exits: AtomicU64,
}

/// What the module keeps for each namespace.
struct PerNet {
    inum: u32,
}

impl pernet::Operations for Counters {
    type Data = PerNet;

    fn storage() -> &'static pernet::Storage<Self> {
        kernel::pernet_storage!(Counters)
    }

    fn init(&self, net: &NetRef) -> Result<PerNet> {
        self.inits.fetch_add(1, Ordering::Relaxed);
        Ok(PerNet { inum: net.inum() })
    }

    fn exit(&self, net: &NetRef, data: &PerNet) {
        if net.inum() != data.inum {
            pr_err!(
                "exit for net:[{}] got the data of net:[{}]\n",
                net.inum(),
                data.inum
            );
        }
        self.exits.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Counters {
    // Runs after the registration is gone, so no callback can change the counts any more.
    fn drop(&mut self) {
        pr_info!(
            "unloaded: {} inits, {} exits\n",
            self.inits.load(Ordering::Relaxed),
            self.exits.load(Ordering::Relaxed)
        );
    }
}

struct RustNetns {
    _pernet: pernet::Registration<Counters>,
}

impl kernel::Module for RustNetns {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let counters = Counters {
            inits: AtomicU64::new(0),
            exits: AtomicU64::new(0),
        };
        let pernet = pernet::Registration::new_subsys(counters, GFP_KERNEL)?;
        pr_info!(
            "loaded: {} namespaces at load\n",
            pernet.context().inits.load(Ordering::Relaxed)
        );
        Ok(RustNetns { _pernet: pernet })
    }
}
