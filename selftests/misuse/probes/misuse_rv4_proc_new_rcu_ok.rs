// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv4_proc_new_rcu
//! misuse: why the RCU reader ends before the file is created

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
    name: "misuse_rv4_proc_new_rcu_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: ProcNetFile::new after an RCU read-side section",
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
        drop(guard);
        let file =
            ProcNetFile::<Empty>::new(Namespace::init_ns(), c"misuse_rv4_new_rcu", 0o444, ())?;
        drop(file);
        Ok(Self)
    }
}
