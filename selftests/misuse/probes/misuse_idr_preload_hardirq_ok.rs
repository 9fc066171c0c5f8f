// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_idr_preload_hardirq
//! misuse: why the same timer; the preload is taken by the task it wakes

use core::sync::atomic::{AtomicI32, Ordering};
use kernel::{
    idr::IdrPreload,
    impl_has_hr_timer,
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
    name: "misuse_idr_preload_hardirq_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: the hrtimer signals, the task takes the preload",
    license: "GPL",
}

/// What the callback saw: 1 until it ran, then 0 for a preload taken, else the errno.
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
        this.shared.result.store(-1, Ordering::Release);
        HrTimerRestart::NoRestart
    }
}

impl_has_hr_timer! {
    impl HasHrTimer<Self> for Timer {
        mode: RelativeHardMode<Monotonic>, field: self.timer
    }
}

/// Records what `IdrPreload::new` gave.
fn preload(shared: &Shared) {
    let result = match IdrPreload::new(GFP_NOWAIT) {
        Ok(guard) => {
            drop(guard);
            0
        }
        Err(e) => e.to_errno(),
    };
    shared.result.store(result, Ordering::Release);
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
        // The callback stores its result last; complete() would warn from hard irq on lockdep
        // kernels, so the task polls.
        for _ in 0..1000 {
            if shared.result.load(Ordering::Acquire) != 1 {
                break;
            }
            fsleep(Delta::from_millis(1));
        }
        drop(handle);
        preload(&shared);
        // The callback has run; give the timer core a moment to let go of it.
        fsleep(Delta::from_millis(1));
        match shared.result.load(Ordering::Acquire) {
            0 => Ok(Self),
            e => Err(Error::from_errno(e)),
        }
    }
}
