// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0308
//! misuse: why `ProcNetFile` must be invariant in `T`: Drop calls `T::Data::from_foreign`

#![allow(coherence_leak_check)]

use core::marker::PhantomData;
use kernel::{
    net::{proc::{ProcNetFile, SingleFile}, Namespace},
    prelude::*,
    seq_file::SeqFile,
    sync::{Arc, ArcBorrow},
};

module! {
    type: Probe,
    name: "misuse_var_proc",
    authors: ["rust_netns developers"],
    description: "misuse probe: ProcNetFile<T> coerced to another T by subtyping",
    license: "GPL",
}

struct Tag<F>(PhantomData<F>);
type Hr = Tag<for<'a> fn(&'a u8)>;
type St = Tag<fn(&'static u8)>;

#[vtable]
impl SingleFile for Hr {
    type Data = Arc<u64>;

    fn show(_: ArcBorrow<'_, u64>, _m: &SeqFile) -> Result {
        Ok(())
    }
}

#[vtable]
impl SingleFile for St {
    type Data = KBox<u64>;

    fn show(_: &u64, _m: &SeqFile) -> Result {
        Ok(())
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let keep = Arc::new(7u64, GFP_KERNEL)?;
        let file: ProcNetFile<'static, Hr> =
            ProcNetFile::new(Namespace::init_ns(), c"misuse_var_proc", 0o444, keep.clone())?;
        let file: ProcNetFile<'static, St> = file; // misuse: refused here
        drop(file);
        drop(keep);
        Ok(Probe)
    }
}
