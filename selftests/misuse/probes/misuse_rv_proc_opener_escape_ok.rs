// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_proc_opener_escape
//! misuse: why a counted reference (ARef) to the opener's namespace may be kept

use kernel::{
    net::{
        proc::{Opener, ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
    sync::{aref::ARef, SetOnce},
};

module! {
    type: Probe,
    name: "misuse_rv_proc_opener_escape_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: a counted reference to the opener's namespace kept",
    license: "GPL",
}

struct Last;

#[vtable]
impl SingleFile for Last {
    type Data = KBox<SetOnce<ARef<Namespace>>>;

    fn show(_: &SetOnce<ARef<Namespace>>, _m: &SeqFile) -> Result {
        Ok(())
    }

    fn write(last: &SetOnce<ARef<Namespace>>, opener: &Opener, _input: &[u8]) -> Result {
        last.populate(opener.net().into());
        Ok(())
    }
}

struct Probe {
    _file: ProcNetFile<'static, Last>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let data = KBox::new(SetOnce::new(), GFP_KERNEL)?;
        Ok(Self {
            _file: ProcNetFile::new(Namespace::init_ns(), c"misuse_rv_opener", 0o600, data)?,
        })
    }
}
