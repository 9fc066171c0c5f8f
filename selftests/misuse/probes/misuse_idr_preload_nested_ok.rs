// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_preload_nested
//! misuse: why two preloads one after the other

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_nested_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: IdrPreload guards in sequence",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        for value in 1..=2 {
            let preload = IdrPreload::new(GFP_KERNEL)?;
            let id = idr.alloc_preloaded(&preload, KBox::new(value, GFP_NOWAIT)?, 1..)?;
            drop(preload);
            pr_info!("id {}\n", id);
        }
        Ok(Self)
    }
}
