// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0505
//! misuse: why H2: a file cannot outlive the counted reference to the namespace it was made in

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
    name: "misuse_proc_outlive_ns",
    authors: ["rust_netns developers"],
    description: "misuse probe: a proc file kept after its namespace reference is dropped",
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
        let file = ProcNetFile::<Owned>::new(&net, c"misuse_proc_outlive_ns", 0o444, value)?;
        drop(net); // misuse: refused here
        drop(file);
        Ok(Self)
    }
}
