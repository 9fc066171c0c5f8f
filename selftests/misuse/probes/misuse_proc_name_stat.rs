// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why H3: "stat/x" would land inside /proc/net/stat; refused before proc sees it

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
    name: "misuse_proc_name_stat",
    authors: ["rust_netns developers"],
    description: "misuse probe: proc name refused: stat",
    license: "GPL",
}

struct Empty;

#[vtable]
impl SingleFile for Empty {
    type Data = KBox<()>;

    fn show(_: &(), _m: &SeqFile) -> Result {
        Ok(())
    }
}

/// Creates `name` in the initial namespace's `/proc/net`.
fn create(name: &CStr, mode: u16) -> Result<ProcNetFile<'static, Empty>> {
    ProcNetFile::new(Namespace::init_ns(), name, mode, KBox::new((), GFP_KERNEL)?)
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        create(c"stat/misuse_proc_name_stat", 0o444)?;
        Ok(Self)
    }
}
