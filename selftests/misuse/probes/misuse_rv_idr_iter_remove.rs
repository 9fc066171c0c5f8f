// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0502
//! misuse: why removing while iterating: the iterator lends each value for the borrow of the idr, and remove() frees it (and reshapes the tree the walk is in)

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_iter_remove",
    authors: ["rust-for-linux review"],
    description: "misuse probe: Idr::remove inside Idr::iter",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        for v in 0..3 {
            idr.alloc(KBox::new(v, GFP_KERNEL)?, .., GFP_KERNEL)?;
        }
        for (id, value) in idr.iter() {
            let removed = idr.remove(id); // misuse: refused here
            pr_info!("{} {}\n", *value, removed.is_some());
        }
        Ok(Self)
    }
}
