// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0308
//! misuse: why `pernet::ExitBatch` must be invariant in `T`: `iter` reads `T::storage()`'s slots

#![allow(coherence_leak_check)]

use core::marker::PhantomData;
use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_var_batch",
    authors: ["rust_netns developers"],
    description: "misuse probe: pernet ExitBatch<T> coerced to another T by subtyping",
    license: "GPL",
}

struct Tag<F>(PhantomData<F>);
type Hr = Tag<for<'a> fn(&'a u8)>;
type St = Tag<fn(&'static u8)>;

kernel::pernet_storage!(Hr);
kernel::pernet_storage!(St);

#[vtable]
impl pernet::Operations for Hr {
    type Data<'net> = KBox<u64>;

    fn init(&self, _net: &NetRef) -> Result<KBox<u64>> {
        Ok(KBox::new(0, GFP_KERNEL)?)
    }
}

#[vtable]
impl pernet::Operations for St {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        Ok(())
    }

    fn exit_batch<'net>(&self, batch: &pernet::ExitBatch<'net, Self>) {
        let batch: &pernet::ExitBatch<'net, Hr> = batch; // misuse: refused here
        for (_, data) in batch.iter() {
            pr_info!("{}\n", **data);
        }
    }
}

struct Probe {
    _reg: pernet::Registration<St>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Probe {
            _reg: pernet::Registration::new_subsys(Tag(PhantomData), GFP_KERNEL)?,
        })
    }
}
