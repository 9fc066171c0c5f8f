// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_sample_local_ref
//! misuse: why the same box, pointing at a `static`, which does live long enough
//!
//! Control of `misuse_sample_local_ref`: the same module, with a value that lives forever.

use kernel::prelude::*;

module! {
    type: SampleLocalRefOk,
    name: "misuse_sample_local_ref_ok",
    authors: ["rust_netns developers"],
    description: "misuse sample control: a reference to a static kept past init",
    license: "GPL",
}

static VALUE: u32 = 7;

struct SampleLocalRefOk {
    value: KBox<&'static u32>,
}

impl kernel::Module for SampleLocalRefOk {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let value: KBox<&'static u32> = KBox::new(&VALUE, GFP_KERNEL)?;
        Ok(Self { value })
    }
}

impl Drop for SampleLocalRefOk {
    fn drop(&mut self) {
        pr_info!("value {}\n", **self.value);
    }
}
