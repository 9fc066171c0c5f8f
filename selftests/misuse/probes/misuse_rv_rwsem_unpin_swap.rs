// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0596
//! misuse: why pinning through a guard: a write guard of a !Unpin value must not hand out &mut T, or mem::swap moves the pinned value out of the semaphore

use core::marker::PhantomPinned;
use kernel::{new_rwsem, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_rwsem_unpin_swap",
    authors: ["rust-for-linux review"],
    description: "misuse probe: mem::swap through a RwSemaphore write guard of a !Unpin value",
    license: "GPL",
}

#[pin_data]
struct Pinned {
    value: u32,
    #[pin]
    _pin: PhantomPinned,
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let sem = KBox::pin_init(
            new_rwsem!(pin_init!(Pinned { value: 1, _pin: PhantomPinned })),
            GFP_KERNEL,
        )?;
        let mut other = Pinned { value: 2, _pin: PhantomPinned };
        let mut guard = sem.write();
        core::mem::swap(&mut *guard, &mut other); // misuse: refused here
        drop(guard);
        pr_info!("{}\n", other.value);
        Ok(Self)
    }
}
