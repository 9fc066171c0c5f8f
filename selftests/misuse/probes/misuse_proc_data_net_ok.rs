// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_proc_data_net
//! misuse: why the file keeps what identifies its namespace (the cookie), and lives in the pernet data

use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        NetRef,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
};

module! {
    type: Probe,
    name: "misuse_proc_data_net_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: a pernet proc file kept in the pernet data",
    license: "GPL",
}

struct NetFile;

#[vtable]
impl SingleFile for NetFile {
    type Data = KBox<u64>;

    fn show(cookie: &u64, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", *cookie);
        Ok(())
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ProcNetFile<'net, NetFile>;

    fn init<'net>(&self, net: &'net NetRef) -> Result<ProcNetFile<'net, NetFile>> {
        ProcNetFile::new(
            net,
            c"misuse_proc_data_net_ok",
            0o444,
            KBox::new(net.cookie(), GFP_KERNEL)?,
        )
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
