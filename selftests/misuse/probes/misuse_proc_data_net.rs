// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0477
//! misuse: why H2: a file made in pernet `init` and forgotten there cannot keep the namespace as its data

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
    name: "misuse_proc_data_net",
    authors: ["rust_netns developers"],
    description: "misuse probe: a forgotten pernet proc file whose data borrows the namespace",
    license: "GPL",
}

struct NetFile<'net>(core::marker::PhantomData<&'net NetRef>);

#[vtable]
impl<'net> SingleFile for NetFile<'net> {
    type Data = KBox<&'net NetRef>; // misuse: refused here

    fn show(net: &&'net NetRef, m: &SeqFile) -> Result {
        seq_print!(m, "{}\n", net.cookie());
        Ok(())
    }
}

struct Ops;

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init<'net>(&self, net: &'net NetRef) -> Result {
        let file = ProcNetFile::<NetFile<'net>>::new(
            net,
            c"misuse_proc_data_net",
            0o444,
            KBox::new(net, GFP_KERNEL)?,
        )?;
        core::mem::forget(file);
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
