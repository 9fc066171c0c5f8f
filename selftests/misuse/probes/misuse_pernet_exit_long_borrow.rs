// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail "`impl` item signature doesn't match `trait` item signature"
//! misuse: why H1: an implementation cannot claim the data for all of `'net` in its signature

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_exit_long_borrow",
    authors: ["rust_netns developers"],
    description: "misuse probe: pernet exit declared with the data borrowed for 'net",
    license: "GPL",
}

/// Data that can point at data: what a drop check would have to order.
struct Node<'net> {
    peer: SetOnce<&'net Node<'net>>,
    value: KBox<u64>,
}

impl Drop for Node<'_> {
    fn drop(&mut self) {
        // Reads the other node's box: freed already if that node was dropped first.
        if let Some(peer) = self.peer.as_ref() {
            pr_info!("peer value {}\n", *peer.value);
        }
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = Node<'net>;

    fn init<'net>(&self, _net: &'net NetRef) -> Result<Node<'net>> {
        Ok(Node {
            peer: SetOnce::new(),
            value: KBox::new(1, GFP_KERNEL)?,
        })
    }

    fn exit<'net>(&self, _net: &'net NetRef, data: &'net Node<'net>) { // misuse: refused here
        data.peer.populate(data);
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
