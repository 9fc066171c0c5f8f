// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why calling context: Namespace::get_by_pid() from hard irq would take task_lock() (a spinlock_t) and resolve the pid in whatever task was interrupted; it refuses outside task context
//!
//! Written by an independent review, when `get_by_pid` had no context check: lockdep reported
//! `Invalid wait context`. It now returns `EINVAL` there, which this module's init returns.

use core::sync::atomic::{AtomicI32, Ordering};
use kernel::{
    impl_has_hr_timer,
    net::Namespace,
    prelude::*,
    sync::Arc,
    task::Pid,
    time::{
        delay::fsleep,
        hrtimer::{
            HrTimer, HrTimerCallback, HrTimerCallbackContext, HrTimerPointer, HrTimerRestart,
            RelativeHardMode,
        },
        Delta, Monotonic,
    },
};

module! {
    type: Probe,
    name: "misuse_rv_ns_pid_hardirq",
    authors: ["rust-for-linux review"],
    description: "misuse probe: Namespace::get_by_pid from hard irq",
    license: "GPL",
}

struct Shared {
    pid: Pid,
    /// 1 until the callback ran; then 0 (found) or the errno.
    result: AtomicI32,
}

#[pin_data]
struct Timer {
    #[pin]
    timer: HrTimer<Self>,
    shared: Arc<Shared>,
}

impl HrTimerCallback for Timer {
    type Pointer<'a> = Pin<KBox<Self>>;

    fn run(this: Pin<&mut Self>, _ctx: HrTimerCallbackContext<'_, Self>) -> HrTimerRestart {
        let r = match Namespace::get_by_pid(this.shared.pid) {
            Ok(ns) => {
                // put_net() is fine in any context.
                drop(ns);
                0
            }
            Err(e) => e.to_errno(),
        };
        this.shared.result.store(r, Ordering::Release);
        HrTimerRestart::NoRestart
    }
}

impl_has_hr_timer! {
    impl HasHrTimer<Self> for Timer {
        mode: RelativeHardMode<Monotonic>, field: self.timer
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let pid = kernel::current!().pid();
        let shared = Arc::new(
            Shared {
                pid,
                result: AtomicI32::new(1),
            },
            GFP_KERNEL,
        )?;
        let for_timer = shared.clone();
        let timer = KBox::pin_init(
            pin_init!(Timer { timer <- HrTimer::new(), shared: for_timer }),
            GFP_KERNEL,
        )?;
        let handle = timer.start(Delta::from_micros(100));
        for _ in 0..1000 {
            if shared.result.load(Ordering::Acquire) != 1 {
                break;
            }
            fsleep(Delta::from_millis(1));
        }
        drop(handle);
        fsleep(Delta::from_millis(1));
        match shared.result.load(Ordering::Acquire) {
            0 => Ok(Self),
            e => Err(Error::from_errno(e)),
        }
    }
}
