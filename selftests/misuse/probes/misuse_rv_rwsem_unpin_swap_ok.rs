// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_rwsem_unpin_swap
//! misuse: why a !Unpin value is changed in place through as_mut() and its pin projection

use core::marker::PhantomPinned;
use kernel::{new_rwsem, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_rwsem_unpin_swap_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: pinned mutation through a RwSemaphore write guard",
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
            new_rwsem!(pin_init!(Pinned {
                value: 1,
                _pin: PhantomPinned
            })),
            GFP_KERNEL,
        )?;
        let mut guard = sem.write();
        *guard.as_mut().project().value += 1;
        let guard = guard.downgrade();
        if guard.value != 2 {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
