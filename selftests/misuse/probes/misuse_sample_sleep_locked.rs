// SPDX-License-Identifier: GPL-2.0

//! misuse: report "BUG: sleeping function called from invalid context at .*:[0-9]+"
//! misuse: why sleeping under a `SpinLock` guard is not a compile error: `DEBUG_ATOMIC_SLEEP` reports it
//!
//! Sample probe of the misuse harness: `might_sleep()` inside a spinlock's critical section.
//! Nothing in the types stops it; the debug kernels report it once, and the module loads.

use kernel::{
    prelude::*,
    sync::{new_spinlock, SpinLock},
    task::might_sleep,
};

module! {
    type: SampleSleepLocked,
    name: "misuse_sample_sleep_locked",
    authors: ["rust_netns developers"],
    description: "misuse sample: might_sleep() under a spinlock (DEBUG_ATOMIC_SLEEP reports it)",
    license: "GPL",
}

struct SampleSleepLocked {
    lock: Pin<KBox<SpinLock<u32>>>,
}

impl kernel::Module for SampleSleepLocked {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let lock = KBox::pin_init(new_spinlock!(0, "misuse_sample_sleep_locked"), GFP_KERNEL)?;
        {
            let mut guard = lock.lock();
            *guard += 1;
            might_sleep();
        }
        Ok(Self { lock })
    }
}

impl Drop for SampleSleepLocked {
    fn drop(&mut self) {
        pr_info!("count {}\n", *self.lock.lock());
    }
}
