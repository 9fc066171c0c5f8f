// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_sample_idr_nowait
//! misuse: why the same allocation with `GFP_KERNEL`, which may sleep in init
//!
//! Control of `misuse_sample_idr_nowait`.

use kernel::{idr::Idr, prelude::*};

module! {
    type: SampleIdrNowaitOk,
    name: "misuse_sample_idr_nowait_ok",
    authors: ["rust_netns developers"],
    description: "misuse sample control: Idr::alloc with GFP_KERNEL",
    license: "GPL",
}

struct SampleIdrNowaitOk {
    idr: Idr<KBox<u32>>,
}

impl kernel::Module for SampleIdrNowaitOk {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let id = idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_KERNEL)?;
        pr_info!("id {}\n", id);
        Ok(Self { idr })
    }
}

impl Drop for SampleIdrNowaitOk {
    fn drop(&mut self) {
        pr_info!("{} ids\n", self.idr.iter().count());
    }
}
