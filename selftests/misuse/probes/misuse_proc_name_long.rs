// SPDX-License-Identifier: GPL-2.0

//! misuse: errno ENAMETOOLONG
//! misuse: why H3: a name of 256 bytes (over NAME_MAX) would make the proc core warn; refused before proc sees it, with the VFS's errno for it (the cold review found EINVAL here)

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
    name: "misuse_proc_name_long",
    authors: ["rust_netns developers"],
    description: "misuse probe: proc name refused: long",
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
        let mut name = [b'x'; 257];
        name[256] = 0;
        create(CStr::from_bytes_with_nul(&name).map_err(|_| ENOENT)?, 0o444)?;
        Ok(Self)
    }
}
