// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_pernet_dup_device
//! misuse: why one after the other: the subsystem registration is dropped before the device one

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_dup_device_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: one pernet type registered as subsys, then as device",
    license: "GPL",
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = &'net NetRef;

    fn init<'net>(&self, net: &'net NetRef) -> Result<&'net NetRef> {
        Ok(net)
    }

    fn exit<'a, 'net>(&self, net: &'net NetRef, data: &'a &'net NetRef) {
        if *data != net {
            pr_err!("data of another namespace\n");
        }
    }
}

struct Probe {
    _device: pernet::Registration<Ops>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        drop(pernet::Registration::new_subsys(Ops, GFP_KERNEL)?);
        Ok(Self {
            _device: pernet::Registration::new_device(Ops, GFP_KERNEL)?,
        })
    }
}
