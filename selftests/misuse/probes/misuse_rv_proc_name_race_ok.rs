// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_proc_name_race
//! misuse: why the same two workers, each with a name of its own

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
    sync::Arc,
    time::{delay::fsleep, Delta},
    workqueue::{self, impl_has_work, new_work, Work, WorkItem},
};

module! {
    type: Probe,
    name: "misuse_rv_proc_name_race_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: two threads create two /proc/net names",
    license: "GPL",
}

struct Empty;

#[vtable]
impl SingleFile for Empty {
    type Data = KBox<u32>;

    fn show(_: &u32, _m: &SeqFile) -> Result {
        Ok(())
    }
}

struct State {
    failed: AtomicU32,
    done: AtomicU32,
}

const ROUNDS: u32 = 5000;

fn worker(s: &State, name: &CStr) {
    for _ in 0..ROUNDS {
        let ok = KBox::new(0u32, GFP_KERNEL)
            .map_err(Error::from)
            .and_then(|d| ProcNetFile::<Empty>::new(Namespace::init_ns(), name, 0o444, d));
        if ok.is_err() {
            s.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
    s.done.fetch_add(1, Ordering::Release);
}

/// One worker: a work item (not `Queue::try_spawn`, whose lock class name lives in each module
/// that instantiates it and makes lockdep warn once another module used it).
#[pin_data]
struct Worker {
    name: &'static CStr,
    s: Arc<State>,
    #[pin]
    work: Work<Worker>,
}

impl_has_work! {
    impl HasWork<Self> for Worker { self.work }
}

impl WorkItem for Worker {
    type Pointer = Arc<Worker>;

    fn run(this: Arc<Worker>) {
        worker(&this.s, this.name);
    }
}

/// Starts a worker for `name`; whether it was queued.
fn start(s: &Arc<State>, name: &'static CStr) -> bool {
    let Ok(w) = Arc::pin_init(
        pin_init!(Worker { name, s: s.clone(), work <- new_work!("misuse_rv::worker") }),
        GFP_KERNEL,
    ) else {
        return false;
    };
    workqueue::system_unbound().enqueue(w).is_ok()
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let s = Arc::new(
            State {
                failed: AtomicU32::new(0),
                done: AtomicU32::new(0),
            },
            GFP_KERNEL,
        )?;
        let mut spawned = 0;
        for name in [c"misuse_rv_race_a", c"misuse_rv_race_b"] {
            if start(&s, name) {
                spawned += 1;
            }
        }
        while s.done.load(Ordering::Acquire) < spawned {
            fsleep(Delta::from_millis(10));
        }
        // Let the work items return from module text (their closures' drops).
        fsleep(Delta::from_millis(100));
        if spawned != 2 || s.failed.load(Ordering::Relaxed) != 0 {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
