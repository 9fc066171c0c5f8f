// SPDX-License-Identifier: GPL-2.0

//! misuse: report "BUG: sleeping function called from invalid context at .*:[0-9]+"
//! misuse: why calling context of new(): under a spinlock in_task() is true, so ProcNetFile::new is not refused; the documentation promises might_sleep()'s report and nothing else (IdrPreload::new refuses the same section with EBUSY)
//!
//! Review round 4. Expected is the documented behaviour: exactly one might_sleep() report.

use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    new_spinlock,
    prelude::*,
    seq_file::SeqFile,
    sync::SpinLock,
};

module! {
    type: Probe,
    name: "misuse_rv4_proc_new_spinlock",
    authors: ["rust-for-linux review"],
    description: "misuse probe: ProcNetFile::new under a spinlock",
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
        let lock: Pin<KBox<SpinLock<()>>> = KBox::pin_init(new_spinlock!(()), GFP_KERNEL)?;
        let guard = lock.lock();
        let file =
            ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv4_new_spinlock", 0o444, ());
        drop(guard);
        let accepted = file.is_ok();
        drop(file);
        if accepted {
            pr_info!("ProcNetFile::new accepted under a spinlock\n");
        }
        Ok(Self)
    }
}
