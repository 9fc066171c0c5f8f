// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0277
//! misuse: why H4: the guard pins its task to a CPU's pool, so it cannot move to another thread

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_send",
    authors: ["rust_netns developers"],
    description: "misuse probe: an IdrPreload guard sent to another thread",
    license: "GPL",
}

/// Hands `value` to another thread, as a work item, a thread or a lock shared between threads
/// would: what they all ask of it is `Send`.
fn to_another_thread<T: Send + 'static>(value: T) -> T {
    value
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let moved = to_another_thread(preload); // misuse: refused here
        idr.alloc_preloaded(&moved, KBox::new(1, GFP_NOWAIT)?, 1..)?;
        Ok(Self)
    }
}
