// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_idr_iter_remove
//! misuse: why collect the ids under the shared borrow, remove them after it

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_iter_remove_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: Idr::remove after Idr::iter",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        for v in 0..3 {
            idr.alloc(KBox::new(v, GFP_KERNEL)?, .., GFP_KERNEL)?;
        }
        let mut ids = KVec::new();
        for (id, _) in idr.iter() {
            ids.push(id, GFP_KERNEL)?;
        }
        for id in ids.iter() {
            idr.remove(*id).ok_or(ENOENT)?;
        }
        if !idr.is_empty() {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
