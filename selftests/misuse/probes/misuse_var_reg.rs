// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0308
//! misuse: why `pernet::Registration` must be invariant in `T`: Drop unregisters `T::storage()`

#![allow(coherence_leak_check)]

use core::{marker::PhantomData, sync::atomic::AtomicU64};
use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_var_reg",
    authors: ["rust_netns developers"],
    description: "misuse probe: pernet Registration<T> coerced to another T by subtyping",
    license: "GPL",
}

struct Tag<F> {
    n: AtomicU64,
    _f: PhantomData<F>,
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

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let a = pernet::Registration::<Hr>::new_subsys(
            Tag { n: AtomicU64::new(0), _f: PhantomData },
            GFP_KERNEL,
        )?;
        let a: pernet::Registration<St> = a; // misuse: refused here
        drop(a);
        Ok(Probe)
    }
}
