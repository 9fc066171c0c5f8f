// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why closed hole: a non-blocking `Idr::alloc` without a preload would use the per-CPU pool unlocked

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_idr_nowait",
    authors: ["rust_netns developers"],
    description: "misuse probe: Idr::alloc with GFP_NOWAIT and no preload",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_NOWAIT)?;
        Ok(Self)
    }
}
