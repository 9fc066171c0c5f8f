// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why calling context: an RCU read-side section is atomic (no blocking), but on PREEMPT_RCU it is not in preempt_count, so idr_preload_allowed() lets IdrPreload::new(GFP_KERNEL) fill the pool, which may sleep, inside it
//!
//! `IdrPreload` documents a refusal "in an atomic section"; `rcu::read_lock()` is one (blocking
//! in it is forbidden on every configuration). The debug kernel has `CONFIG_PREEMPT=y`, so
//! `rcu_read_lock()` only counts `current->rcu_read_lock_nesting`. Expected `EBUSY`.

use kernel::{idr::IdrPreload, prelude::*, sync::rcu};

module! {
    type: Probe,
    name: "misuse_rv_idr_preload_rcu",
    authors: ["rust-for-linux review"],
    description: "misuse probe: IdrPreload::new inside an RCU read-side section",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let rcu = rcu::read_lock();
        let preload = IdrPreload::new(GFP_KERNEL);
        let ok = preload.is_ok();
        drop(preload);
        drop(rcu);
        if ok {
            pr_info!("IdrPreload::new(GFP_KERNEL) accepted inside rcu_read_lock()\n");
        }
        // Only what the preload said: EBUSY when refused, loaded when accepted.
        match ok {
            true => Ok(Self),
            false => Err(EBUSY),
        }
    }
}
