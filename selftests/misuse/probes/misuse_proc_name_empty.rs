// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why H3: an empty name would make the proc core warn; refused before proc sees it

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
    name: "misuse_proc_name_empty",
    authors: ["rust_netns developers"],
    description: "misuse probe: proc name refused: empty",
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
        create(c"", 0o444)?;
        Ok(Self)
    }
}
