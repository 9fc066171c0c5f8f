// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0521
//! misuse: why a write callback keeping the opener's namespace (borrowed from the open file, which holds the only reference it guarantees) in the file's 'static data, past the file's close

use kernel::{
    net::{
        proc::{Opener, ProcNetFile, SingleFile},
        Namespace,
    },
    prelude::*,
    seq_file::SeqFile,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_rv_proc_opener_escape",
    authors: ["rust-for-linux review"],
    description: "misuse probe: the opener's namespace kept past the write",
    license: "GPL",
}

struct Last;

#[vtable]
impl SingleFile for Last {
    type Data = KBox<SetOnce<&'static Namespace>>;

    fn show(_: &SetOnce<&'static Namespace>, _m: &SeqFile) -> Result {
        Ok(())
    }

    fn write(last: &SetOnce<&'static Namespace>, opener: &Opener, _input: &[u8]) -> Result {
        last.populate(opener.net()); // misuse: refused here
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
