// SPDX-License-Identifier: GPL-2.0

//! misuse: compile-fail E0521
//! misuse: why non-'static data behind a C pointer: a /proc/net file made in pernet exit for the dying namespace, kept in the registration's context, would outlive the namespace's /proc/net
//!
//! The context is `'static` and outlives every namespace; a `ProcNetFile<'net>` cannot go
//! there. (`mem::forget` of it is the leak the docs accept; see the review report for what that
//! leak does do.)

use kernel::{
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        NetRef,
    },
    new_mutex,
    prelude::*,
    seq_file::SeqFile,
    sync::Mutex,
};

module! {
    type: Probe,
    name: "misuse_rv_proc_file_escape_exit",
    authors: ["rust-for-linux review"],
    description: "misuse probe: a /proc/net file of a dying namespace kept in the context",
    license: "GPL",
}

struct Empty;

#[vtable]
impl SingleFile for Empty {
    type Data = KBox<u32>;

    fn show(_: &u32, _m: &SeqFile) -> Result {
        Ok(())
    }
}

#[pin_data]
struct Ops {
    #[pin]
    kept: Mutex<KVec<ProcNetFile<'static, Empty>>>,
}

kernel::pernet_storage!(Ops);

#[vtable]
impl pernet::Operations for Ops {
    type Data<'net> = ();

    fn init<'net>(&self, _net: &'net NetRef) -> Result {
        Ok(())
    }

    fn exit<'a, 'net>(&self, net: &'net NetRef, _data: &'a ()) {
        let Ok(data) = KBox::new(0, GFP_KERNEL) else { return };
        let Ok(file) = ProcNetFile::new(net, c"misuse_rv_escape", 0o444, data) else { return }; // misuse: refused here
        let _ = self.kept.lock().push(file, GFP_KERNEL);
    }
}

struct Probe {
    _reg: pernet::Registration<Ops>,
}

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Self {
            _reg: pernet::Registration::new_subsys(
                pin_init!(Ops { kept <- new_mutex!(KVec::new()) }),
                GFP_KERNEL,
            )?,
        })
    }
}
