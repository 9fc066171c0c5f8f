// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_proc_data_not_sync
//! misuse: why an atomic counter is shared safely between concurrent show callbacks

use core::sync::atomic::{AtomicU32, Ordering};
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
    name: "misuse_rv_proc_data_not_sync_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: /proc/net file data that is Sync",
    license: "GPL",
}

struct Hits;

#[vtable]
impl SingleFile for Hits {
    type Data = KBox<AtomicU32>;

    fn show(hits: &AtomicU32, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", hits.fetch_add(1, Ordering::Relaxed) + 1);
        Ok(())
    }
}

struct Probe {
    _file: ProcNetFile<'static, Hits>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let data = KBox::new(AtomicU32::new(0), GFP_KERNEL)?;
        Ok(Self {
            _file: ProcNetFile::new(Namespace::init_ns(), c"misuse_rv_hits", 0o444, data)?,
        })
    }
}
