// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why H4: a second preload inside the first would nest the pool's local lock

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_nested",
    authors: ["rust_netns developers"],
    description: "misuse probe: nested IdrPreload guards",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let outer = IdrPreload::new(GFP_KERNEL)?;
        let inner = IdrPreload::new(GFP_KERNEL)?;
        let id = idr.alloc_preloaded(&inner, KBox::new(1, GFP_NOWAIT)?, 1..)?;
        drop(inner);
        drop(outer);
        pr_info!("id {}\n", id);
        Ok(Self)
    }
}
