// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0277
//! misuse: why Send/Sync of per-namespace data: init runs in the task that creates the namespace, exit and the drop in the netns cleanup worker, and exits of different namespaces run on different CPUs

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    types::NotThreadSafe,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_data_not_send",
    authors: ["rust-for-linux review"],
    description: "misuse probe: pernet data that is neither Send nor Sync",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = NotThreadSafe; // misuse: refused here

    fn init<'net>(&self, _net: &'net NetRef) -> Result<NotThreadSafe> {
        Ok(NotThreadSafe)
    }
}

struct Probe {
    _reg: pernet::Registration<Ops>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Self { _reg: pernet::Registration::new_subsys(Ops, GFP_KERNEL)? })
    }
}
