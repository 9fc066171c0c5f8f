// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_rwsem_guard_send
//! misuse: why sharing a read guard (Sync for Sync data) is fine: it only lends &T

use kernel::{new_rwsem, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_rwsem_guard_send_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: a RwSemaphore read guard is Sync",
    license: "GPL",
}

fn needs_sync<T: Sync>(_: &T) {}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let sem = KBox::pin_init(new_rwsem!(0u32), GFP_KERNEL)?;
        let guard = sem.read();
        needs_sync(&guard);
        let again = sem.try_read().ok_or(EBUSY)?;
        drop(again);
        drop(guard);
        Ok(Self)
    }
}
