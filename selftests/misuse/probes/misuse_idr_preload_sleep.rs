// SPDX-License-Identifier: GPL-2.0

//! misuse: report "BUG: sleeping function called from invalid context"
//! misuse: why H4: an allocation that may sleep (GFP_KERNEL) under the guard is a bug, as under a spinlock; DEBUG_ATOMIC_SLEEP reports it

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_sleep",
    authors: ["rust_netns developers"],
    description: "misuse probe: a GFP_KERNEL allocation while an IdrPreload guard lives",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let preload = IdrPreload::new(GFP_KERNEL)?;
        // May sleep: might_sleep() reports it. With memory to spare it does not actually sleep,
        // so nothing else goes wrong.
        let value = KBox::new(1, GFP_KERNEL)?;
        let id = idr.alloc_preloaded(&preload, value, 1..)?;
        drop(preload);
        pr_info!("id {}\n", id);
        Ok(Self)
    }
}
