// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0200
//! misuse: why closed hole: `HasStorage` is an `unsafe` trait, safe code cannot hand out two storages

use kernel::{
    net::{pernet, NetRef},
    prelude::*,
};

module! {
    type: Probe,
    name: "misuse_pernet_storage_impl",
    authors: ["rust_netns developers"],
    description: "misuse probe: HasStorage implemented without unsafe",
    license: "GPL",
}

struct Ops;

static A: pernet::Storage<Ops> = pernet::Storage::new();
static B: pernet::Storage<Ops> = pernet::Storage::new();
static FLIP: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

impl pernet::HasStorage for Ops { // misuse: refused here
    fn storage() -> &'static pernet::Storage<Ops> {
        // A different storage on every call: the callbacks would not find their slots.
        if FLIP.fetch_xor(true, core::sync::atomic::Ordering::Relaxed) {
            &A
        } else {
            &B
        }
    }
}

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        Ok(())
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
