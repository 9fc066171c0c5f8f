// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_idr_gfp_zero
//! misuse: why the same ids with GFP_KERNEL: the node keeps the list its constructor made

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_gfp_zero_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: Idr::alloc with GFP_KERNEL",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let a = idr.alloc(KBox::new(1, GFP_KERNEL)?, .., GFP_KERNEL)?;
        let b = idr.alloc(KBox::new(2, GFP_KERNEL)?, .., GFP_KERNEL)?;
        drop(idr.remove(b));
        drop(idr.remove(a));
        Ok(Self)
    }
}
