// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_pernet_storage_impl
//! misuse: why the storage comes from `pernet_storage!`, one static per type

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_pernet_storage_impl_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: HasStorage from pernet_storage!",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        Ok(())
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
