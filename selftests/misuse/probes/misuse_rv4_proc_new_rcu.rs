// SPDX-License-Identifier: GPL-2.0

//! misuse: report "BUG: sleeping function called from invalid context at .*:[0-9]+"
//! misuse: why calling context of new(): inside rcu::read_lock() in_task() is true, and ProcNetFile::new goes on to GFP_KERNEL and proc_subdir_lock; sleeping there is the class of sleeping under a spinlock guard, documented and reported by DEBUG_ATOMIC_SLEEP (IdrPreload::new refuses an RCU reader because a preload there would use the wrong CPU's pool, not because it sleeps)
//!
//! Review round 4. It asked for EINVAL here, as outside task context; the series documents a
//! report instead, as for an atomic section (misuse_rv4_proc_new_spinlock).

use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
    sync::rcu,
};

module! {
    type: Probe,
    name: "misuse_rv4_proc_new_rcu",
    authors: ["rust-for-linux review"],
    description: "misuse probe: ProcNetFile::new inside an RCU read-side section",
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

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let guard = rcu::read_lock();
        let file =
            ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv4_new_rcu", 0o444, ());
        drop(guard);
        match file {
            Ok(file) => {
                drop(file);
                pr_info!("ProcNetFile::new accepted inside rcu_read_lock()\n");
                Ok(Self)
            }
            Err(e) => Err(e),
        }
    }
}
