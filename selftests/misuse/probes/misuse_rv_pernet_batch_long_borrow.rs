// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail "`impl` item signature doesn't match `trait` item signature"
//! misuse: why a borrow as long as the data's own lifetime, claimed in exit_batch: with &'net ExitBatch<'net, _>, iter() would lend &'net Data<'net> and one namespace's data could point into the next one's, read after it was dropped

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_rv_pernet_batch_long_borrow",
    authors: ["rust-for-linux review"],
    description: "misuse probe: exit_batch claims the batch for 'net",
    license: "GPL",
}

struct Node<'net> {
    next: SetOnce<&'net Node<'net>>,
    value: KBox<u64>,
}

impl Drop for Node<'_> {
    fn drop(&mut self) {
        if let Some(next) = self.next.as_ref() {
            pr_info!("next value {}\n", *next.value);
        }
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = Node<'net>;

    fn init<'net>(&self, _net: &'net NetRef) -> Result<Node<'net>> {
        Ok(Node { next: SetOnce::new(), value: KBox::new(1, GFP_KERNEL)? })
    }

    fn exit_batch<'net>(&self, batch: &'net pernet::ExitBatch<'net, Self>) { // misuse: refused here
        let mut prev: Option<&'net Node<'net>> = None;
        for (_, data) in batch.iter() {
            if let Some(prev) = prev {
                data.next.populate(prev);
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
        Ok(Self { _reg: pernet::Registration::new_subsys(Ops, GFP_KERNEL)? })
    }
}
