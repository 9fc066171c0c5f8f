// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0521
//! misuse: why H1: the namespace `init` gets cannot be kept beyond it (in a static, say)

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_init_escape",
    authors: ["rust_netns developers"],
    description: "misuse probe: pernet init keeps the namespace in a static",
    license: "GPL",
}

static LAST: SetOnce<&'static NetRef> = SetOnce::new();

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init(&self, net: &NetRef) -> Result {
        LAST.populate(net); // misuse: refused here
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
