// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0597
//! misuse: why a `KBox<&'static u32>` cannot be handed a reference to a local of `init`
//!
//! Sample probe of the misuse harness: the module keeps, for its whole life, a box that points
//! at a `u32`; the borrow checker must refuse a local of `init` as that `u32`.

use kernel::prelude::*;

module! {
    type: SampleLocalRef,
    name: "misuse_sample_local_ref",
    authors: ["rust_netns developers"],
    description: "misuse sample: a reference to a local kept past init (must not compile)",
    license: "GPL",
}

struct SampleLocalRef {
    value: KBox<&'static u32>,
}

impl kernel::Module for SampleLocalRef {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let local = 7u32;
        let value: KBox<&'static u32> = KBox::new(&local, GFP_KERNEL)?; // misuse: refused here
        Ok(Self { value })
    }
}

impl Drop for SampleLocalRef {
    fn drop(&mut self) {
        pr_info!("value {}\n", **self.value);
    }
}
