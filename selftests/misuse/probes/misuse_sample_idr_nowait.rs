// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why `Idr::alloc` with flags that cannot sleep and no `IdrPreload` is refused, not run
//!
//! Sample probe of the misuse harness: without a preload, a non-blocking `idr_alloc()` would take
//! nodes from the per-CPU preload pool with preemption enabled. The abstraction refuses such
//! flags with `EINVAL`, which this module's init returns.

use kernel::{idr::Idr, prelude::*};

module! {
    type: SampleIdrNowait,
    name: "misuse_sample_idr_nowait",
    authors: ["rust_netns developers"],
    description: "misuse sample: Idr::alloc with GFP_NOWAIT and no preload (init fails)",
    license: "GPL",
}

struct SampleIdrNowait {
    idr: Idr<KBox<u32>>,
}

impl kernel::Module for SampleIdrNowait {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let id = idr.alloc(KBox::new(1, GFP_KERNEL)?, 1.., GFP_NOWAIT)?;
        pr_info!("id {}\n", id);
        Ok(Self { idr })
    }
}

impl Drop for SampleIdrNowait {
    fn drop(&mut self) {
        pr_info!("{} ids\n", self.idr.iter().count());
    }
}
