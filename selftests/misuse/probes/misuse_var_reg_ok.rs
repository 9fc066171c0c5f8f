// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_var_reg
//! misuse: why a registration keeps its `Operations`, and stays `Send + Sync` in the module

#![allow(coherence_leak_check)]

use core::{marker::PhantomData, sync::atomic::AtomicU64};
use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_var_reg_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: pernet Registration<T> keeps its T",
    license: "GPL",
}

struct Tag<F> {
    n: AtomicU64,
    _f: PhantomData<F>,
}
impl<F> Tag<F> {
    fn new() -> Self {
        Tag { n: AtomicU64::new(0), _f: PhantomData }
    }
}

type Hr = Tag<for<'a> fn(&'a u8)>;
type St = Tag<fn(&'static u8)>;

kernel::pernet_storage!(Hr);
kernel::pernet_storage!(St);

#[vtable]
impl pernet::Operations for Hr {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        self.n.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

#[vtable]
impl pernet::Operations for St {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        Ok(())
    }
}

struct Probe {
    _hr: pernet::Registration<Hr>,
    _st: pernet::Registration<St>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Probe {
            _hr: pernet::Registration::new_subsys(Hr::new(), GFP_KERNEL)?,
            _st: pernet::Registration::new_subsys(St::new(), GFP_KERNEL)?,
        })
    }
}
