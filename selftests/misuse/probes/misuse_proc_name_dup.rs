// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why H3: a name already taken would make the proc core warn; refused (EEXIST) before proc sees it
//!
//! The API returns `EEXIST` (the `ProcNetFile::new` doc test checks that); the module loader turns
//! an init's `EEXIST`, which means "already loaded" to `insmod`, into `EBUSY`.

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
    name: "misuse_proc_name_dup",
    authors: ["rust_netns developers"],
    description: "misuse probe: proc name refused: dup",
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
        let _first = create(c"misuse_proc_name_dup", 0o444)?;
        create(c"misuse_proc_name_dup", 0o444)?;
        Ok(Self)
    }
}
