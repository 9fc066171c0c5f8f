// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EBUSY
//! misuse: why a second Registration of the same type, as a pernet device while the subsystem one lives: both would share the one Storage (ops table, slot id, ctx)

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_dup_device",
    authors: ["rust-for-linux review"],
    description: "misuse probe: one pernet type registered as subsys and device",
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

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _subsys = pernet::Registration::new_subsys(Ops, GFP_KERNEL)?;
        let _device = pernet::Registration::new_device(Ops, GFP_KERNEL)?;
        Ok(Self)
    }
}
