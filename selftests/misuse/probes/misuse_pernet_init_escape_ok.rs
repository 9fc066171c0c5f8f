// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_pernet_init_escape
//! misuse: why what identifies a namespace (its cookie) can be kept anywhere

use core::sync::atomic::{AtomicU64, Ordering::Relaxed};
use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_pernet_init_escape_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: pernet init keeps the cookie in a static",
    license: "GPL",
}

static LAST: AtomicU64 = AtomicU64::new(0);

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init(&self, net: &NetRef) -> Result {
        LAST.store(net.cookie(), Relaxed);
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
