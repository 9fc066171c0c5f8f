// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail "lifetime may not live long enough"
//! misuse: why H1: `exit` borrows the data for less than `'net`, so the data cannot point into itself
//!
//! With `&'net Data<'net>`, `SetOnce` would let the data hold a borrow of itself; the trampoline
//! drops the data in place with no drop check, so `Drop` would read what it is freeing.

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_exit_self",
    authors: ["rust_netns developers"],
    description: "misuse probe: pernet exit makes the data point into itself",
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

    fn exit<'a, 'net>(&self, _net: &'net NetRef, data: &'a Node<'net>) {
        data.peer.populate(data); // misuse: refused here
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
