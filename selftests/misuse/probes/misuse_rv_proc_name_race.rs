// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EAGAIN
//! misuse: why strings that C parses / concurrent callers: two threads that create one /proc/net name must each get the file or EEXIST, never procfs's "already registered" warning (a check before the creation, in a second step, let both pass)
//!
//! Two workers create and drop `/proc/net/misuse_rv_race` in the initial namespace. A refusal
//! the abstraction owns is `EEXIST`; the init returns `EAGAIN` when every collision was that
//! (`EEXIST` itself would become `EBUSY` in the module loader), `ENOMEM` when one went through
//! to the proc core (`proc_register()` warned, `proc_create_*` returned NULL).

use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
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
    name: "misuse_rv_proc_name_race",
    authors: ["rust-for-linux review"],
    description: "misuse probe: two threads create one /proc/net name",
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
    eexist: AtomicU32,
    enomem: AtomicU32,
    other: AtomicU32,
    done: AtomicU32,
    stop: AtomicBool,
}

const ROUNDS: u32 = 5000;

fn worker(s: &State, name: &CStr) {
    for _ in 0..ROUNDS {
        if s.stop.load(Ordering::Relaxed) {
            break;
        }
        let Ok(data) = KBox::new(0u32, GFP_KERNEL) else {
            s.other.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        match ProcNetFile::<Empty>::new(Namespace::init_ns(), name, 0o444, data) {
            Ok(file) => drop(file),
            Err(e) if e == EEXIST => {
                s.eexist.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) if e == ENOMEM => {
                s.enomem.fetch_add(1, Ordering::Relaxed);
                s.stop.store(true, Ordering::Relaxed);
            }
            Err(_) => {
                s.other.fetch_add(1, Ordering::Relaxed);
            }
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
                eexist: AtomicU32::new(0),
                enomem: AtomicU32::new(0),
                other: AtomicU32::new(0),
                done: AtomicU32::new(0),
                stop: AtomicBool::new(false),
            },
            GFP_KERNEL,
        )?;
        let mut spawned = 0;
        for _ in 0..2 {
            if start(&s, c"misuse_rv_race") {
                spawned += 1;
            }
        }
        // The workers run module code: wait for them whatever happens.
        while s.done.load(Ordering::Acquire) < spawned {
            fsleep(Delta::from_millis(10));
        }
        // Let the work items return from module text (their closures' drops).
        fsleep(Delta::from_millis(100));
        let (eexist, enomem, other) = (
            s.eexist.load(Ordering::Relaxed),
            s.enomem.load(Ordering::Relaxed),
            s.other.load(Ordering::Relaxed),
        );
        pr_info!(
            "collisions: {} EEXIST, {} ENOMEM, {} other\n",
            eexist,
            enomem,
            other
        );
        if spawned != 2 || other != 0 {
            return Err(EINVAL);
        }
        if enomem != 0 {
            return Err(ENOMEM);
        }
        if eexist != 0 {
            return Err(EAGAIN);
        }
        Err(ENOENT)
    }
}
