// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv3_proc_dup_drop_once
//! misuse: why names of our own: the data lives while the file does and is dropped once after it

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
    name: "misuse_rv3_proc_dup_drop_once_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: data of a /proc/net file dropped once after it",
    license: "GPL",
}

static DROPS: AtomicUsize = AtomicUsize::new(0);

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
        Ok(())
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        for (i, name) in [c"rv3_dev", c"rv3_stat", c"rv3_netstat"]
            .into_iter()
            .enumerate()
        {
            let file = ProcNetFile::<File>::new(
                Namespace::init_ns(),
                name,
                0o444,
                KBox::new(Counted, GFP_KERNEL)?,
            )?;
            if DROPS.load(Relaxed) != i {
                return Err(EINVAL);
            }
            drop(file);
            if DROPS.load(Relaxed) != i + 1 {
                return Err(EINVAL);
            }
        }
        Ok(Self)
    }
}
