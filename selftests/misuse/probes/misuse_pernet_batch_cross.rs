// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail "lifetime may not live long enough"
//! misuse: why H1: `ExitBatch::iter` borrows each namespace's data for less than `'net`
//!
//! If it yielded `&'net Data<'net>`, one namespace's data could point into another's of the same
//! batch, and whichever `Drop` runs second would read the other's freed box.

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_batch_cross",
    authors: ["rust_netns developers"],
    description: "misuse probe: exit_batch makes one namespace's data point into another's",
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
        // rustc names the borrow this asks for: a batch member's data, for all of 'net.
        let mut prev: Option<&Node<'net>> = None; // misuse: refused here
        for (_net, data) in batch.iter() {
            if let Some(p) = prev {
                p.peer.populate(data);
            }
            prev = Some(data);
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
