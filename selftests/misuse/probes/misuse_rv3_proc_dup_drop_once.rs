// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why error path: a name the core already has ("dev", "stat") is EEXIST from the insertion under proc_subdir_lock, after into_foreign and after the entry was built; the data must be dropped exactly once there, and never seen by a callback
//!
//! Review round 3. The init returns the `EEXIST` (`EBUSY` through the module loader) only if
//! every refused creation dropped its data once, right away; `EINVAL` otherwise.

use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
};

module! {
    type: Probe,
    name: "misuse_rv3_proc_dup_drop_once",
    authors: ["rust-for-linux review"],
    description: "misuse probe: data of a refused /proc/net file dropped once",
    license: "GPL",
}

static DROPS: AtomicUsize = AtomicUsize::new(0);
static SHOWS: AtomicUsize = AtomicUsize::new(0);

struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Relaxed);
    }
}

struct File;

#[vtable]
impl SingleFile for File {
    type Data = KBox<Counted>;

    fn show(_: &Counted, _m: &SeqFile) -> Result {
        SHOWS.fetch_add(1, Relaxed);
        Ok(())
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut err = EINVAL;
        for (i, name) in [c"dev", c"stat", c"netstat"].into_iter().enumerate() {
            let r = ProcNetFile::<File>::new(
                Namespace::init_ns(),
                name,
                0o444,
                KBox::new(Counted, GFP_KERNEL)?,
            );
            match r {
                Ok(file) => {
                    drop(file);
                    return Err(EINVAL);
                }
                Err(e) => {
                    if DROPS.load(Relaxed) != i + 1 {
                        return Err(EINVAL);
                    }
                    err = e;
                }
            }
        }
        if SHOWS.load(Relaxed) != 0 {
            return Err(EINVAL);
        }
        Err(err)
    }
}
