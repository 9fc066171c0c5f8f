// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_pernet_exit_long_borrow
//! misuse: why the signature with the borrow and the namespace lifetime apart, elided

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
    sync::SetOnce,
};

module! {
    type: Probe,
    name: "misuse_pernet_exit_long_borrow_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: pernet exit with elided lifetimes",
    license: "GPL",
}

/// Data that keeps what `init` and the exit methods may keep for `'net`: the namespace.
struct Node<'net> {
    net: SetOnce<&'net NetRef>,
    value: KBox<u64>,
}

impl Drop for Node<'_> {
    fn drop(&mut self) {
        // The namespace is still allocated while its data (and its batch's) is dropped.
        if let Some(net) = self.net.as_ref() {
            pr_info!("cookie {} value {}\n", net.cookie(), *self.value);
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
            net: SetOnce::new(),
            value: KBox::new(1, GFP_KERNEL)?,
        })
    }

    fn exit(&self, _net: &NetRef, data: &Node<'_>) {
        pr_info!("exit {}\n", *data.value);
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
