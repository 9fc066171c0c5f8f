// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_rv3_proc_leak_setup_fail
//! misuse: why the same two registrations with a device that succeeds: the namespace is made, and its forgotten file goes with it when it dies

use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        Namespace, NetRef,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
};

module! {
    type: Probe,
    name: "misuse_rv3_proc_leak_setup_fail_ok",
    authors: ["rust-for-linux review"],
    description: "misuse control: a forgotten /proc/net file in a namespace that is made",
    license: "GPL",
}

struct Leaked;

#[vtable]
impl SingleFile for Leaked {
    type Data = KBox<u64>;

    fn show(cookie: &u64, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", *cookie);
        Ok(())
    }
}

struct Leaker;

kernel::pernet_storage!(Leaker);

#[vtable]
impl pernet::Operations for Leaker {
    type Data<'net> = ();

    fn init(&self, net: &NetRef) -> Result {
        if !net.is_init() {
            let cookie = KBox::new(net.cookie(), GFP_KERNEL)?;
            let file = ProcNetFile::<Leaked>::new(net, c"misuse_rv3_leak_fail", 0o444, cookie)?;
            core::mem::forget(file);
        }
        Ok(())
    }
}

struct Passer;

kernel::pernet_storage!(Passer);

#[vtable]
impl pernet::Operations for Passer {
    type Data<'net> = ();

    fn init(&self, _net: &NetRef) -> Result {
        Ok(())
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let leaker = pernet::Registration::new_subsys(Leaker, GFP_KERNEL)?;
        let passer = pernet::Registration::new_device(Passer, GFP_KERNEL)?;
        let ns = Namespace::new_for_test()?;
        drop(ns);
        drop(passer);
        drop(leaker);
        Ok(Self)
    }
}
