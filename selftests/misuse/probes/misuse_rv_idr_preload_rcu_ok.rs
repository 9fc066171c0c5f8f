// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_idr_preload_rcu
//! misuse: why the preload first, then the RCU section inside it (preemption is off already)

use kernel::{idr::IdrPreload, prelude::*, sync::rcu};

module! {
    type: Probe,
    name: "misuse_rv_idr_preload_rcu_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: IdrPreload::new before an RCU read-side section",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let rcu = rcu::read_lock();
        drop(rcu);
        drop(preload);
        Ok(Self)
    }
}
