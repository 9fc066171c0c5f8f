// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv3_proc_new_hardirq
//! misuse: why the same timer only signals; the task creates and removes the file itself

use core::sync::atomic::{AtomicI32, Ordering};
use kernel::{
    impl_has_hr_timer,
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
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
    name: "misuse_rv3_proc_new_hardirq_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: ProcNetFile::new from task context after a timer",
    license: "GPL",
}

struct Empty;

#[vtable]
impl SingleFile for Empty {
    type Data = ();

    fn show(_: (), _m: &SeqFile) -> Result {
        Ok(())
    }
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
        let file =
            ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv3_hardirq", 0o444, ())?;
        drop(file);
        Ok(Self)
    }
}
