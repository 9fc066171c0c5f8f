// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv_pernet_batch_long_borrow
//! misuse: why exit_batch with the trait's borrow links the namespaces of the batch, not their data

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_batch_long_borrow_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: exit_batch links namespaces",
    license: "GPL",
}

struct Node<'net> {
    next: SetOnce<&'net NetRef>,
    value: KBox<u64>,
}

impl Drop for Node<'_> {
    fn drop(&mut self) {
        if let Some(next) = self.next.as_ref() {
            pr_info!("value {} next cookie {}\n", *self.value, next.cookie());
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
            next: SetOnce::new(),
            value: KBox::new(1, GFP_KERNEL)?,
        })
    }

    fn exit_batch<'net>(&self, batch: &pernet::ExitBatch<'net, Self>) {
        let mut prev: Option<&'net NetRef> = None;
        for (net, data) in batch.iter() {
            if let Some(prev) = prev {
                data.next.populate(prev);
            }
            prev = Some(net);
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
