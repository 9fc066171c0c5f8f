// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_proc_outlive_ns
//! misuse: why the file goes first, then the reference to its namespace

use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
    sync::aref::ARef,
};

module! {
    type: Probe,
    name: "misuse_proc_outlive_ns_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: a proc file dropped before its namespace reference",
    license: "GPL",
}

struct Owned;

#[vtable]
impl SingleFile for Owned {
    type Data = KBox<u64>;

    fn show(value: &u64, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", *value);
        Ok(())
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let net: ARef<Namespace> = Namespace::get_by_pid(kernel::current!().pid())?;
        let value = KBox::new(1, GFP_KERNEL)?;
        let file = ProcNetFile::<Owned>::new(&net, c"misuse_proc_outlive_ns_ok", 0o444, value)?;
        drop(file);
        drop(net);
        Ok(Self)
    }
}
