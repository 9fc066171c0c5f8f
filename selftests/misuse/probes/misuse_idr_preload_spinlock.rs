// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why H4: a preload under a spinlock could sleep in an atomic section

use kernel::{
    idr::{Idr, IdrPreload},
    new_spinlock,
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_spinlock",
    authors: ["rust_netns developers"],
    description: "misuse probe: IdrPreload under a spinlock",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let table = KBox::pin_init(
            new_spinlock!(Idr::<KBox<u32>>::new(GFP_KERNEL)?),
            GFP_KERNEL,
        )?;
        let value = KBox::new(1, GFP_KERNEL)?;
        let mut guard = table.lock();
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let id = guard.alloc_preloaded(&preload, value, 1..)?;
        drop(preload);
        drop(guard);
        pr_info!("id {}\n", id);
        Ok(Self)
    }
}
