// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_pernet_dup_device
//! misuse: why registration and unregistration racing namespace creation and destruction, with a /proc/net file and the namespace in each namespace's data

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        Namespace, NetRef,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
    sync::Arc,
    time::{delay::fsleep, Delta},
    workqueue::{self, impl_has_work, new_work, Work, WorkItem},
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_churn_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: pernet registration churn beside namespace churn",
    license: "GPL",
}

struct CookieFile;

#[vtable]
impl SingleFile for CookieFile {
    type Data = KBox<u64>;

    fn show(cookie: &u64, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", *cookie);
        Ok(())
    }
}

struct Counters {
    inits: AtomicU32,
    drops: AtomicU32,
    bad: AtomicU32,
    done: AtomicU32,
}

struct PerNet<'net> {
    net: &'net NetRef,
    cookie: u64,
    _file: ProcNetFile<'net, CookieFile>,
    c: Arc<Counters>,
}

impl Drop for PerNet<'_> {
    fn drop(&mut self) {
        // The namespace is still allocated: read it.
        if self.net.cookie() != self.cookie {
            self.c.bad.fetch_add(1, Ordering::Relaxed);
        }
        self.c.drops.fetch_add(1, Ordering::Relaxed);
    }
}

struct Ops {
    c: Arc<Counters>,
}

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = PerNet<'net>;

    fn init<'net>(&self, net: &'net NetRef) -> Result<PerNet<'net>> {
        let cookie = net.cookie();
        let file = ProcNetFile::new(
            net,
            c"misuse_rv_churn",
            0o444,
            KBox::new(cookie, GFP_KERNEL)?,
        )?;
        self.c.inits.fetch_add(1, Ordering::Relaxed);
        Ok(PerNet {
            net,
            cookie,
            _file: file,
            c: self.c.clone(),
        })
    }

    fn pre_exit<'a, 'net>(&self, net: &'net NetRef, data: &'a PerNet<'net>) {
        if data.net != net {
            self.c.bad.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn exit<'a, 'net>(&self, net: &'net NetRef, data: &'a PerNet<'net>) {
        if data.cookie != net.cookie() {
            self.c.bad.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn exit_batch<'net>(&self, batch: &pernet::ExitBatch<'net, Self>) {
        for (net, data) in batch.iter() {
            if data.net != net {
                self.c.bad.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

const NAMESPACES: u32 = 24;

/// Creates and drops namespaces, as `unshare -n` in a loop would.
#[pin_data]
struct Churn {
    c: Arc<Counters>,
    #[pin]
    work: Work<Churn>,
}

impl_has_work! {
    impl HasWork<Self> for Churn { self.work }
}

impl WorkItem for Churn {
    type Pointer = Arc<Churn>;

    fn run(this: Arc<Churn>) {
        for _ in 0..NAMESPACES {
            match Namespace::new_for_test() {
                Ok(ns) => drop(ns),
                Err(_) => {
                    this.c.bad.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        this.c.done.fetch_add(1, Ordering::Release);
    }
}
const REGISTRATIONS: u32 = 8;

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let c = Arc::new(
            Counters {
                inits: AtomicU32::new(0),
                drops: AtomicU32::new(0),
                bad: AtomicU32::new(0),
                done: AtomicU32::new(0),
            },
            GFP_KERNEL,
        )?;
        let for_churn = c.clone();
        let churn = Arc::pin_init(
            pin_init!(Churn { c: for_churn, work <- new_work!("misuse_rv::churn") }),
            GFP_KERNEL,
        )?;
        let spawned = workqueue::system_unbound().enqueue(churn).is_ok();
        let mut failed = !spawned;
        for _ in 0..REGISTRATIONS {
            match pernet::Registration::new_subsys(Ops { c: c.clone() }, GFP_KERNEL) {
                Ok(reg) => {
                    fsleep(Delta::from_millis(20));
                    drop(reg);
                }
                Err(_) => failed = true,
            }
        }
        while spawned && c.done.load(Ordering::Acquire) < 1 {
            fsleep(Delta::from_millis(10));
        }
        fsleep(Delta::from_millis(100));
        let (inits, drops, bad) = (
            c.inits.load(Ordering::Relaxed),
            c.drops.load(Ordering::Relaxed),
            c.bad.load(Ordering::Relaxed),
        );
        pr_info!("{} inits, {} drops, {} bad\n", inits, drops, bad);
        if failed || bad != 0 || inits != drops || inits < REGISTRATIONS {
            return Err(EINVAL);
        }
        Ok(Self)
    }
}
