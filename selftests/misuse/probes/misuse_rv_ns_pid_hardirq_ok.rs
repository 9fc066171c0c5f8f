// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_ns_pid_hardirq
//! misuse: why the same timer only signals; the task looks the namespace up itself

use core::sync::atomic::{AtomicI32, Ordering};
use kernel::{
    impl_has_hr_timer,
    net::Namespace,
    prelude::*,
    sync::Arc,
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
    name: "misuse_rv_ns_pid_hardirq_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: Namespace::get_by_pid from task context",
    license: "GPL",
}

struct Shared {
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
        this.shared.result.store(0, Ordering::Release);
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
        let shared = Arc::new(
            Shared {
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
        let ns = Namespace::get_by_pid(kernel::current!().pid())?;
        if !ns.is_init() {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
