// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_preload_sleep
//! misuse: why the allocation first, then the preload; under it, only GFP_NOWAIT

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_sleep_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: GFP_KERNEL before the IdrPreload guard, GFP_NOWAIT under it",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let value = KBox::new(1, GFP_KERNEL)?;
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let id = idr.alloc_preloaded(&preload, value, 1..)?;
        let more = KBox::new(2, GFP_NOWAIT)?;
        let id2 = idr.alloc_preloaded(&preload, more, 1..)?;
        drop(preload);
        pr_info!("ids {} {}\n", id, id2);
        Ok(Self)
    }
}
