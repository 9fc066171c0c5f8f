// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv4_proc_new_spinlock
//! misuse: why the spinlock is released before the file is created

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
    name: "misuse_rv4_proc_new_spinlock_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: ProcNetFile::new after a spinlock",
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
        drop(guard);
        let file =
            ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv4_new_spinlock", 0o444, ())?;
        drop(file);
        Ok(Self)
    }
}
