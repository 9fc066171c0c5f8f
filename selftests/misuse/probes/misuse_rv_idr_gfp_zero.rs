// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why flags the radix tree cannot take: __GFP_ZERO on radix_tree_node_cachep (a cache with a constructor) zeroes the node's private_list after the ctor, and delete_node() warns on it
//!
//! `Idr::alloc` checks only that the flags may sleep. `GFP_KERNEL | __GFP_ZERO` may, and goes
//! to `kmem_cache_alloc(radix_tree_node_cachep, ...)`; slab zeroes the object after
//! `radix_tree_node_ctor()` ran, so `private_list` is `{NULL, NULL}` instead of empty, and freeing
//! the node when its last id goes hits `WARN_ON_ONCE(!list_empty(&node->private_list))`. A
//! correct `Idr` refuses (or masks) such flags: expected `EINVAL`.

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_gfp_zero",
    authors: ["rust-for-linux review"],
    description: "misuse probe: Idr::alloc with __GFP_ZERO",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<u32>>::new(GFP_KERNEL)?;
        let flags = GFP_KERNEL | __GFP_ZERO;
        // The first id sits in the root; the second needs a node, allocated with `flags`.
        let a = idr.alloc(KBox::new(1, GFP_KERNEL)?, .., flags)?;
        let b = idr.alloc(KBox::new(2, GFP_KERNEL)?, .., flags)?;
        // Emptying the node frees it: delete_node() looks at private_list.
        drop(idr.remove(b));
        drop(idr.remove(a));
        Ok(Self)
    }
}
