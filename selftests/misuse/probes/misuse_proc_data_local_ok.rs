// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_proc_data_local
//! misuse: why the file owns its data (a box), and the module keeps the file until unload

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
    name: "misuse_proc_data_local_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: a proc file that owns its data",
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

struct Probe {
    _file: ProcNetFile<'static, Owned>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let file = ProcNetFile::new(
            Namespace::init_ns(),
            c"misuse_proc_data_local_ok",
            0o444,
            KBox::new(7, GFP_KERNEL)?,
        )?;
        Ok(Self { _file: file })
    }
}
