// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_var_proc
//! misuse: why a file keeps its `SingleFile`; `'net` still shortens (covariant)

#![allow(coherence_leak_check)]

use core::marker::PhantomData;
use kernel::{
    net::{proc::{ProcNetFile, SingleFile}, Namespace, NetRef},
    prelude::*,
    seq_file::SeqFile,
    sync::{Arc, ArcBorrow},
};

module! {
    type: Probe,
    name: "misuse_var_proc_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: ProcNetFile<T> keeps its T",
    license: "GPL",
}

struct Tag<F>(PhantomData<F>);
type Hr = Tag<for<'a> fn(&'a u8)>;

#[vtable]
impl SingleFile for Hr {
    type Data = Arc<u64>;

    fn show(_: ArcBorrow<'_, u64>, _m: &SeqFile) -> Result {
        Ok(())
    }
}

#[vtable]
impl SingleFile for Tag<fn(&'static u8)> {
    type Data = KBox<u64>;

    fn show(_: &u64, _m: &SeqFile) -> Result {
        Ok(())
    }
}

fn shorten<'a>(file: ProcNetFile<'static, Hr>, _net: &'a NetRef) -> ProcNetFile<'a, Hr> {
    file
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let net = Namespace::init_ns();
        let keep = Arc::new(7u64, GFP_KERNEL)?;
        let file: ProcNetFile<'static, Hr> =
            ProcNetFile::new(net, c"misuse_var_proc_ok", 0o444, keep.clone())?;
        drop(shorten(file, net));
        drop(keep);
        Ok(Probe)
    }
}
