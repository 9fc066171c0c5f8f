// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0277
//! misuse: why closed hole: a `NetRef` (a namespace that may have no references left) gives no counted reference

use kernel::{
    net::{pernet, Namespace, NetRef},
    prelude::*,
    sync::aref::ARef,
};

module! {
    type: Probe,
    name: "misuse_netref_try_get",
    authors: ["rust_netns developers"],
    description: "misuse probe: a counted reference from a pernet NetRef",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ARef<Namespace>;

    fn init(&self, net: &NetRef) -> Result<ARef<Namespace>> {
        Ok(net.into()) // misuse: refused here
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
