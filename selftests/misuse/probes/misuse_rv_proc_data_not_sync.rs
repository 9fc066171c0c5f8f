// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0277
//! misuse: why concurrent callbacks: show runs for several readers at once on several CPUs, each with a shared borrow of the data, so a Cell in it would be a data race

use core::cell::Cell;
use kernel::{
    net::{
        proc::{ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
};

module! {
    type: Probe,
    name: "misuse_rv_proc_data_not_sync",
    authors: ["rust-for-linux review"],
    description: "misuse probe: /proc/net file data that is not Sync",
    license: "GPL",
}

struct Hits;

#[vtable]
impl SingleFile for Hits {
    type Data = KBox<Cell<u32>>; // misuse: refused here

    fn show(hits: &Cell<u32>, m: &SeqFile) -> Result {
        hits.set(hits.get() + 1);
        seq_print!(m, "{}\n", hits.get());
        Ok(())
    }
}

struct Probe {
    _file: ProcNetFile<'static, Hits>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let data = KBox::new(Cell::new(0), GFP_KERNEL)?;
        Ok(Self { _file: ProcNetFile::new(Namespace::init_ns(), c"misuse_rv_hits", 0o444, data)? })
    }
}
