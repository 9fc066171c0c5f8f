// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_sample_sleep_locked
//! misuse: why `might_sleep()` after the guard is dropped, where sleeping is allowed
//!
//! Control of `misuse_sample_sleep_locked`.

use kernel::{
    prelude::*,
    sync::{new_spinlock, SpinLock},
    task::might_sleep,
};

module! {
    type: SampleSleepLockedOk,
    name: "misuse_sample_sleep_locked_ok",
    authors: ["rust_netns developers"],
    description: "misuse sample control: might_sleep() outside the spinlock",
    license: "GPL",
}

struct SampleSleepLockedOk {
    lock: Pin<KBox<SpinLock<u32>>>,
}

impl kernel::Module for SampleSleepLockedOk {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let lock = KBox::pin_init(new_spinlock!(0, "misuse_sample_sleep_locked_ok"), GFP_KERNEL)?;
        {
            let mut guard = lock.lock();
            *guard += 1;
        }
        might_sleep();
        Ok(Self { lock })
    }
}

impl Drop for SampleSleepLockedOk {
    fn drop(&mut self) {
        pr_info!("count {}\n", *self.lock.lock());
    }
}
