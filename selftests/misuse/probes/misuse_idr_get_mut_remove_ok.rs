// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_get_mut_remove
//! misuse: why the borrow ends before the remove; forgetting the borrow is harmless

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_idr_get_mut_remove_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: Idr::get_mut, then remove",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let id = idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_KERNEL)?;
        *idr.get_mut(id).ok_or(ENOENT)? += 1;
        core::mem::forget(idr.get_mut(id));
        let removed = idr.remove(id).ok_or(ENOENT)?;
        if *removed != 2 {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
