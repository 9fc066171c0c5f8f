// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0277
//! misuse: why Send of guards: a read hold must be released by the task that took it (rwsem owner tracking, PREEMPT_RT's rt_mutex-based rwsem), so a ReadGuard must not be Send

use kernel::{new_rwsem, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_rwsem_guard_send",
    authors: ["rust-for-linux review"],
    description: "misuse probe: a RwSemaphore read guard is Send",
    license: "GPL",
}

fn needs_send<T: Send>(_: &T) {}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let sem = KBox::pin_init(new_rwsem!(0u32), GFP_KERNEL)?;
        let guard = sem.read();
        needs_send(&guard); // misuse: refused here
        drop(guard);
        Ok(Self)
    }
}
