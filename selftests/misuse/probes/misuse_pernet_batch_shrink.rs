// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail "lifetime may not live long enough"
//! misuse: why H1: `ExitBatch` is invariant in `'net`: shrinking `'net` to the borrow of the batch would link two namespaces' data
//!
//! Written without naming `'net` in the loop, this compiled while `ExitBatch` was covariant in
//! `'net` (found by this probe): `&'b ExitBatch<'net>` became `&'b ExitBatch<'b>`, and the data
//! of the batch was borrowed for as long as its own, shrunk, lifetime.

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_batch_shrink",
    authors: ["rust_netns developers"],
    description: "misuse probe: exit_batch shrinks 'net to the batch borrow to link two namespaces' data",
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

    fn exit_batch<'net>(&self, batch: &pernet::ExitBatch<'net, Self>) {
        // rustc names the borrow of the batch, which would have to last for 'net.
        let mut members = batch.iter(); // misuse: refused here
        if let (Some((_, a)), Some((_, b))) = (members.next(), members.next()) {
            a.peer.populate(b);
        }
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
