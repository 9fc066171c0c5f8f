// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_pernet_data_not_send
//! misuse: why per-namespace data that is Send and Sync

use core::sync::atomic::AtomicU32;
use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_data_not_send_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: pernet data that is Send and Sync",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = AtomicU32;

    fn init<'net>(&self, _net: &'net NetRef) -> Result<AtomicU32> {
        Ok(AtomicU32::new(0))
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
