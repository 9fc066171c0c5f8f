// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_preload_spinlock
//! misuse: why the preload first, then the spinlock

use kernel::{
    idr::{Idr, IdrPreload},
    new_spinlock,
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_spinlock_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: IdrPreload before the spinlock",
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
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let mut guard = table.lock();
        let id = guard.alloc_preloaded(&preload, value, 1..)?;
        drop(guard);
        drop(preload);
        pr_info!("id {}\n", id);
        Ok(Self)
    }
}
