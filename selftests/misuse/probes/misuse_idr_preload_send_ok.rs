// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_preload_send
//! misuse: why the idr moves to the other thread, which takes its own preload

use kernel::{
    idr::{Idr, IdrPreload},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_idr_preload_send_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: the idr moves, the preload is taken where it is used",
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
        // The idr may move to another thread; the preload is taken where it is used.
        let mut idr = to_another_thread(Idr::<KBox<u32>>::new(GFP_KERNEL)?);
        let preload = IdrPreload::new(GFP_KERNEL)?;
        idr.alloc_preloaded(&preload, KBox::new(1, GFP_NOWAIT)?, 1..)?;
        Ok(Self)
    }
}
