// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why calling context: ProcNetFile::new (and its drop) from hard irq allocate with GFP_KERNEL and take proc_subdir_lock, an rwlock that readdir and lookup take with irqs on (a deadlock if the irq lands on a reader); Namespace::get_by_pid refuses hard irq with EINVAL for the same class of reason, ProcNetFile::new neither refused nor documented a context (a finding, fixed: EINVAL outside task context, might_sleep() in new and drop)
//!
//! Review round 3. The data is `()`, so nothing but `ProcNetFile::new` allocates in the callback.
//! Expected is what a refusing API gives (`EINVAL`, as `get_by_pid`); what happens instead is
//! printed by the harness.

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
    name: "misuse_rv3_proc_new_hardirq",
    authors: ["rust-for-linux review"],
    description: "misuse probe: ProcNetFile::new from hard irq",
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
    /// 1 until the callback ran; then 0 (created and removed) or the errno.
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
        let r =
            match ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv3_hardirq", 0o444, ())
            {
                Ok(file) => {
                    drop(file);
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
        match shared.result.load(Ordering::Acquire) {
            0 => Ok(Self),
            e => Err(Error::from_errno(e)),
        }
    }
}
