// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_proc_file_escape_exit
//! misuse: why the file made in exit goes to the namespace's own data, dropped in exit_batch before /proc/net goes

use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        NetRef,
    },
    prelude::*,
    seq_file::SeqFile,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_rv_proc_file_escape_exit_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: a /proc/net file made in exit kept in the data",
    license: "GPL",
}

struct Empty;

#[vtable]
impl SingleFile for Empty {
    type Data = KBox<u32>;

    fn show(_: &u32, _m: &SeqFile) -> Result {
        Ok(())
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = SetOnce<ProcNetFile<'net, Empty>>;

    fn init<'net>(&self, _net: &'net NetRef) -> Result<SetOnce<ProcNetFile<'net, Empty>>> {
        Ok(SetOnce::new())
    }

    fn exit<'a, 'net>(&self, net: &'net NetRef, data: &'a SetOnce<ProcNetFile<'net, Empty>>) {
        let Ok(value) = KBox::new(0, GFP_KERNEL) else {
            return;
        };
        let Ok(file) = ProcNetFile::new(net, c"misuse_rv_escape", 0o444, value) else {
            return;
        };
        data.populate(file);
    }
}

struct Probe {
    _reg: pernet::Registration<Ops>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Self {
            _reg: pernet::Registration::new_subsys(Ops, GFP_KERNEL)?,
        })
    }
}
