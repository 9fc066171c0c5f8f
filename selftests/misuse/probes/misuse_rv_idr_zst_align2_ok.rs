// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_idr_zst_align2
//! misuse: why a ZST aligned to 4 is the pointer 0x4, which the radix tree takes for a plain entry

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_zst_align2_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: Idr of a KBox of a ZST aligned to 4",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<[u32; 0]>>::new(GFP_KERNEL)?;
        let a = idr.alloc(KBox::new([], GFP_KERNEL)?, .., GFP_KERNEL)?;
        let b = idr.alloc(KBox::new([], GFP_KERNEL)?, .., GFP_KERNEL)?;
        if idr.get(a).is_none() || idr.get(b).is_none() || idr.iter().count() != 2 {
            return Err(EINVAL);
        }
        drop(idr.remove(a));
        drop(idr);
        Ok(Self)
    }
}
