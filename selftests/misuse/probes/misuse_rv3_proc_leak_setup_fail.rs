// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EXDEV
//! misuse: why leak + failed setup: a file forgotten in pernet init of a namespace whose setup then fails (a later pernet device's init) must be removed by proc_remove_leftovers() on the undo path (copy_net_ns() frees the namespace without cleanup_net()), naming it in the log; the setup's errno comes back
//!
//! Review round 3, a check of postable/0007 on the path leak.sh does not take. The subsystem
//! forgets a file in every namespace but the initial one; the device fails every such
//! namespace's init with `EXDEV`, which `Namespace::new_for_test` returns and so does this init.

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
    name: "misuse_rv3_proc_leak_setup_fail",
    authors: ["rust-for-linux review"],
    description: "misuse probe: a forgotten /proc/net file in a namespace whose setup fails",
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

struct Failer;

kernel::pernet_storage!(Failer);

#[vtable]
impl pernet::Operations for Failer {
    type Data<'net> = ();

    fn init(&self, net: &NetRef) -> Result {
        if net.is_init() {
            Ok(())
        } else {
            Err(EXDEV)
        }
    }
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let leaker = pernet::Registration::new_subsys(Leaker, GFP_KERNEL)?;
        let failer = pernet::Registration::new_device(Failer, GFP_KERNEL)?;
        let r = Namespace::new_for_test();
        drop(failer);
        drop(leaker);
        match r {
            Ok(_) => Err(ENOTRECOVERABLE),
            Err(e) => Err(e),
        }
    }
}
