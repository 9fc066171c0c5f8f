// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_netref_try_get
//! misuse: why a counted reference comes from a `&Namespace`, which has one

use kernel::{
    net::{pernet, Namespace, NetRef},
    prelude::*,
    sync::aref::ARef,
};

module! {
    type: Probe,
    name: "misuse_netref_try_get_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: a counted reference to the initial namespace",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ARef<Namespace>;

    fn init(&self, _net: &NetRef) -> Result<ARef<Namespace>> {
        Ok(Namespace::init_ns().into())
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
