// SPDX-License-Identifier: GPL-2.0

//! misuse: control
//! misuse: control-of misuse_proc_data_net
//! misuse: why a file forgotten in pernet `init`: leaked with its data, removed with its namespace
//!
//! Loaded by `leak.sh` too, which holds a leaked entry open (`O_PATH`) while its namespace dies
//! and opens it again afterwards: the proc core removed it with the namespace's `/proc/net`, so
//! that open fails with `ENOENT` instead of following a pointer to the freed directory. Only
//! namespaces other than the initial one get a leaked file, so that none is left once they are
//! gone and the module can be unloaded.

use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        NetRef,
    },
    prelude::*,
    seq_file::{seq_print, SeqFile},
};

module! {
    type: Probe,
    name: "misuse_proc_leak_ok",
    authors: ["rust_netns developers"],
    description: "misuse control: a proc file forgotten in pernet init",
    license: "GPL",
}

struct Leaked;

#[vtable]
impl SingleFile for Leaked {
    type Data = KBox<u64>;

    fn show(cookie: &u64, m: &SeqFile) -> Result {
        seq_print!(m, "leaked by namespace {}\n", *cookie);
        Ok(())
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init(&self, net: &NetRef) -> Result {
        if !net.is_init() {
            let cookie = KBox::new(net.cookie(), GFP_KERNEL)?;
            let file = ProcNetFile::<Leaked>::new(net, c"misuse_proc_leak", 0o444, cookie)?;
            core::mem::forget(file);
        }
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
