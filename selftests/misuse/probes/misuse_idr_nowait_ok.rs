// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_nowait
//! misuse: why the same allocation with flags that may sleep

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_idr_nowait_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: Idr::alloc with GFP_KERNEL",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_KERNEL)?;
        Ok(Self)
    }
}
