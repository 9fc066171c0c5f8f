// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0477
//! misuse: why H2: a file's data is `'static`, so a leaked (forgotten) file cannot point at a dead stack slot

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
    name: "misuse_proc_data_local",
    authors: ["rust_netns developers"],
    description: "misuse probe: a forgotten proc file with data borrowed from the stack",
    license: "GPL",
}

struct Borrowed<'a>(core::marker::PhantomData<&'a u64>);

#[vtable]
impl<'a> SingleFile for Borrowed<'a> {
    type Data = KBox<&'a u64>; // misuse: refused here

    fn show(value: &&'a u64, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", **value);
        Ok(())
    }
}

fn leak(value: &u64) -> Result {
    let file = ProcNetFile::<Borrowed<'_>>::new(
        Namespace::init_ns(),
        c"misuse_proc_data_local",
        0o444,
        KBox::new(value, GFP_KERNEL)?,
    )?;
    core::mem::forget(file);
    Ok(())
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let local = 7u64;
        leak(&local)?;
        Ok(Self)
    }
}
