// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_proc_name_stat
//! misuse: control-of misuse_proc_name_child
//! misuse: control-of misuse_proc_name_slash
//! misuse: control-of misuse_proc_name_dotdot
//! misuse: control-of misuse_proc_name_dot
//! misuse: control-of misuse_proc_name_empty
//! misuse: control-of misuse_proc_name_long
//! misuse: control-of misuse_proc_name_mode
//! misuse: control-of misuse_proc_name_dup
//! misuse: why one file name (of up to 255 bytes) with permission bits, each name once

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
    name: "misuse_proc_name_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: proc names that are file names",
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

struct Probe {
    _files: [ProcNetFile<'static, Empty>; 3],
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut longest = [b'y'; 256];
        longest[255] = 0;
        let longest = CStr::from_bytes_with_nul(&longest).map_err(|_| ENOENT)?;
        Ok(Self {
            _files: [
                create(c"misuse_proc_name_ok", 0o444)?,
                create(c"misuse_proc_name_ok.2", 0o600)?,
                create(longest, 0)?,
            ],
        })
    }
}
