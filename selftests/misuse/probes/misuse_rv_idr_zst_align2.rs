// SPDX-License-Identifier: GPL-2.0

//! misuse: errno EINVAL
//! misuse: why ForeignOwnable corner case: a KBox of a zero-sized type aligned to 2 is the pointer 0x2, a radix-tree internal entry; KBox's FOREIGN_ALIGN claims 8, so Idr's is_internal_entry() folds to false and the value is stored
//!
//! `Idr::alloc` promises `EINVAL` "for a value the idr cannot store", and the `Idr` invariant
//! says no entry is a radix-tree internal entry. `KBox<[u16; 0]>` allocates nothing: its pointer
//! is `dangling_from_layout()`, i.e. the alignment, 2. `<KBox<_> as ForeignOwnable>::FOREIGN_ALIGN`
//! is `max(align, ARCH_KMALLOC_MINALIGN)` = 8, so `is_internal_entry()` is `false` at compile
//! time and 0x2 goes to `idr_alloc()`. Found in review: 7.3's IDR keeps every entry in a leaf
//! (`idr_get_free()` never stores at the root, `radix_tree_shrink()` never moves entry 0 up for
//! an IDR), where lookups and walks return internal-looking entries as values, so this shows a
//! broken invariant and promise, not a crash.

use kernel::{idr::Idr, prelude::*};

module! {
    type: Probe,
    name: "misuse_rv_idr_zst_align2",
    authors: ["rust-for-linux review"],
    description: "misuse probe: Idr of a KBox of a ZST aligned to 2",
    license: "GPL",
}

struct Probe;

impl kernel::Module for Probe {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut idr = Idr::<KBox<[u16; 0]>>::new(GFP_KERNEL)?;
        // Refused with EINVAL by the documented Idr; stored as 0x2 by this one.
        let id = idr.alloc(KBox::new([], GFP_KERNEL)?, .., GFP_KERNEL)?;
        pr_info!("stored a KBox<[u16; 0]> under id {}\n", id);
        let found = idr.get(id).is_some();
        pr_info!("found: {}\n", found);
        drop(idr);
        Ok(Self)
    }
}
