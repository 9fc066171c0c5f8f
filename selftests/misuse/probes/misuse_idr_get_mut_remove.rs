// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0499
//! misuse: why closed hole: a value borrowed with `get_mut` cannot be removed (and freed) while the borrow lives

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_idr_get_mut_remove",
    authors: ["rust_netns developers"],
    description: "misuse probe: Idr::remove while a get_mut borrow lives",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let id = idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_KERNEL)?;
        let value = idr.get_mut(id).ok_or(ENOENT)?;
        let removed = idr.remove(id); // misuse: refused here
        *value += 1;
        drop(removed);
        Ok(Self)
    }
}
