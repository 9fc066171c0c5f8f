// SPDX-License-Identifier: GPL-2.0

//! rust_netns: per-network-namespace peer-id tables in safe Rust.
//!
//! A Rust twin of the kernel's `netns_ids` machinery (`net->netns_ids`, `RTM_NEWNSID`), built
//! only on the safe `kernel::net::pernet`, `RwSemaphore` and `Idr` abstractions:
//!
//! - Every network namespace gets a module-wide *index*, allocated from an [`Idr`] in the
//!   *registry* of live namespaces, and its own *peer table*: an [`Idr`] mapping small peer ids
//!   to other namespaces, like `net->netns_ids`.
//! - `/proc/net/rust_netns` in every namespace shows its index and peer table; writing
//!   `peer <pid>` to it gives the namespace of process `<pid>` a peer id in this namespace's
//!   table, or finds the one it has.
//! - `/proc/net/rust_netns_stats`, in the initial namespace only (the counters are module-wide
//!   and would tell a container about the host), shows the module's counters.
//!
//! # Locking
//!
//! This follows the scheme of upstream commits fb07a820 ("net: Move net:netns_ids destruction
//! out of rtnl_lock() and document locking scheme") and 1a57feb8 ("net: Introduce net_sem for
//! protection of pernet_list"):
//!
//! - `Shared::registry`, a [`RwSemaphore`] (the `net_rwsem` twin), guards the set of live
//!   namespaces. Pernet `init` takes it for write to link a namespace in; pernet `exit` takes it
//!   for write to unlink one. Everything else, lookups and the walk over the survivors in
//!   `exit`, takes it for read, so namespaces are created and destroyed while others walk.
//! - `NetState::peers`, a [`SpinLock`] per namespace (the `nsid_lock` twin), guards that
//!   namespace's peer table. It is only ever taken alone or nested inside the registry lock
//!   (read), never the other way round, and nothing sleeps under it: the tree nodes an id may
//!   need are preloaded before it is taken ([`IdrPreload`]), where `alloc_netid()` allocates
//!   with `GFP_ATOMIC`.
//! - Nothing here takes RTNL, and pernet callbacks run under the core's `pernet_ops_rwsem`
//!   for read only, so many namespaces are set up and torn down in parallel.
//!
//! When namespace D goes (its `exit`, or its `init` failing after it was linked), (1) the
//! registry is taken for write, D is unlinked and marked `dead`, (2) the lock is downgraded to
//! read and every surviving namespace's table loses D's peer ids, under that table's lock only,
//! and (3) D's own table is taken out from under its lock and destroyed. Neither RTNL nor the
//! registry write lock is held during the walk.
//!
//! Why no id for D is left in a surviving table: ids are only allocated by a `peer <pid>`
//! write, which finds D in the registry and then, under the table's lock, refuses D if it is
//! `dead`. D is marked before the walk starts, and the walk takes every survivor's lock after
//! that; so a writer holds that lock either before the walk does (its id is then removed by
//! the walk) or after (it then sees `dead`). This covers namespaces that still have references
//! when `exit` runs (the module being unloaded, a later pernet `init` failing), where the
//! `maybe_get_net()` argument of fb07a820 alone would not: there, a namespace can no longer be
//! hashed because its count is zero. A namespace unlinked before D's walk is not visited, and
//! an id for D in its table goes with that table in its own step (3). The table being written
//! to is alive because an open `/proc/net` file holds a reference to its namespace, and a
//! table already taken refuses the write (`ENODEV`).

use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};
use kernel::{
    idr::{Idr, IdrPreload},
    net::{
        pernet,
        proc::{ProcNetFile, SingleFile},
        Namespace, NetRef,
    },
    prelude::*,
    rbtree::RBTree,
    seq_file::{seq_print, SeqFile},
    sync::{new_rwsem, new_spinlock, Arc, ArcBorrow, RwSemaphore, SpinLock},
};

module! {
    type: RustNetnsModule,
    name: "rust_netns",
    authors: ["rust_netns developers"],
    description: "Per-network-namespace peer-id tables in safe Rust",
    license: "GPL",
}

/// The longest command accepted by a write to `/proc/net/rust_netns`.
const MAX_COMMAND: usize = 32;

/// Module-wide counters, shown in `/proc/net/rust_netns_stats`.
struct Stats {
    /// Pernet `init` calls that succeeded.
    inits: AtomicU64,
    /// Pernet `exit` calls for those.
    exits: AtomicU64,
    /// Peer ids allocated and not yet removed, over all tables.
    peer_ids: AtomicU64,
    /// Peer ids removed from a survivor's table because their namespace died.
    unhashed: AtomicU64,
}

/// The live namespaces.
struct Registry {
    /// Namespace index to state.
    by_index: Idr<Arc<NetState>>,
    /// Namespace cookie to index.
    by_cookie: RBTree<u64, u32>,
}

/// State shared by every namespace and the pernet callbacks.
#[pin_data]
struct Shared {
    #[pin]
    registry: RwSemaphore<Registry>,
    stats: Stats,
}

/// The state of one namespace.
#[pin_data]
struct NetState {
    /// Module-wide index; set once, under the registry write lock, before it is published.
    index: AtomicU32,
    inum: u32,
    cookie: u64,
    /// Peer id to peer namespace; `None` once the namespace has died.
    #[pin]
    peers: SpinLock<Option<Idr<Arc<NetState>>>>,
    /// Set under the registry write lock when the namespace is unlinked; from then on no table
    /// takes a new id for it (checked under that table's lock).
    dead: AtomicBool,
    shared: Arc<Shared>,
}

impl NetState {
    fn index(&self) -> u32 {
        self.index.load(Relaxed)
    }

    /// Gives `peer` an id in this namespace's table, or returns the id it has.
    fn peer_id(&self, peer: Arc<NetState>) -> Result<u32> {
        // Tree nodes for the id, allocated before the spinlock, where sleeping is allowed.
        let preload = IdrPreload::new(GFP_KERNEL);
        let mut peers = self.peers.lock();
        let table = (*peers).as_mut().ok_or(ENODEV)?;
        if let Some((id, _)) = table.iter().find(|(_, p)| p.index() == peer.index()) {
            return Ok(id);
        }
        // See "Locking": an unlinked peer gets no new id.
        if peer.dead.load(Relaxed) {
            return Err(ESRCH);
        }
        let id = table.alloc_preloaded(&preload, peer, 0..)?;
        self.shared.stats.peer_ids.fetch_add(1, Relaxed);
        Ok(id)
    }

    /// Removes every id of the namespace with index `index` from this namespace's table and
    /// returns how many there were.
    fn unhash(&self, index: u32) -> u64 {
        let mut removed = 0;
        loop {
            // Drop what was removed after unlocking.
            let _gone = {
                let mut peers = self.peers.lock();
                let Some(table) = (*peers).as_mut() else {
                    return removed;
                };
                let Some((id, _)) = table.iter().find(|(_, p)| p.index() == index) else {
                    return removed;
                };
                table.remove(id)
            };
            removed += 1;
        }
    }
}

/// The pernet operations: context of every callback.
struct RustNetns {
    shared: Arc<Shared>,
}

/// What the module keeps in each namespace; `'net` is the namespace's lifetime.
struct PerNet<'net> {
    state: Arc<NetState>,
    _file: ProcNetFile<'net, NetFile>,
    _stats: Option<ProcNetFile<'net, StatsFile>>,
}

impl RustNetns {
    /// Links `state` into the registry and gives it its index.
    fn link(&self, state: &Arc<NetState>) -> Result {
        let mut reg = self.shared.registry.write();
        let index = reg.by_index.alloc_cyclic(state.clone(), 1.., GFP_KERNEL)?;
        state.index.store(index, Relaxed);
        if let Err(e) = reg
            .by_cookie
            .try_create_and_insert(state.cookie, index, GFP_KERNEL)
        {
            reg.by_index.remove(index);
            return Err(e);
        }
        Ok(())
    }

    /// Unlinks `state` from the registry, then removes its peer ids from every surviving
    /// namespace's table. Returns how many ids were removed.
    fn unlink_and_unhash(&self, state: &NetState) -> u64 {
        let mut reg = self.shared.registry.write();
        let gone = reg.by_index.remove(state.index());
        reg.by_cookie.remove(&state.cookie);
        state.dead.store(true, Relaxed);
        // Keep out writers (no namespace comes or goes) but let readers in during the walk.
        let reg = reg.downgrade();
        let unhashed = reg
            .by_index
            .iter()
            .map(|(_, s)| s.unhash(state.index()))
            .sum();
        drop(reg);
        drop(gone);
        unhashed
    }

    /// Unlinks `state`, removes its ids from every table and destroys its own table, keeping
    /// the counters right; for `exit`, and for `init` failing after `link`.
    fn teardown(&self, state: &NetState) {
        let stats = &self.shared.stats;
        let unhashed = self.unlink_and_unhash(state);
        // Writers may have given ids to this table until now; it may even name itself, a
        // reference cycle that taking the table breaks.
        let own = state.peers.lock().take();
        let own_ids = own.as_ref().map_or(0, |t| t.iter().count() as u64);
        drop(own);
        stats.unhashed.fetch_add(unhashed, Relaxed);
        stats.peer_ids.fetch_sub(unhashed + own_ids, Relaxed);
    }
}

kernel::pernet_storage!(RustNetns);

#[vtable]
impl pernet::Operations for RustNetns {
    type Data<'net> = PerNet<'net>;

    fn init<'net>(&self, net: &'net NetRef) -> Result<PerNet<'net>> {
        let table = Idr::new(GFP_KERNEL)?;
        let state = Arc::pin_init(
            pin_init!(NetState {
                index: AtomicU32::new(0),
                inum: net.inum(),
                cookie: net.cookie(),
                peers <- new_spinlock!(Some(table), "rust_netns:peers"),
                dead: AtomicBool::new(false),
                shared: self.shared.clone(),
            }),
            GFP_KERNEL,
        )?;
        self.link(&state)?;
        let files = ProcNetFile::new(net, c"rust_netns", 0o644, state.clone()).and_then(|file| {
            let stats = if net.is_init() {
                Some(ProcNetFile::new(
                    net,
                    c"rust_netns_stats",
                    0o444,
                    self.shared.clone(),
                )?)
            } else {
                None
            };
            Ok((file, stats))
        });
        let (file, stats) = match files {
            Ok(files) => files,
            Err(e) => {
                // The files are gone (dropping one waits for its writers), but writers may
                // have put ids in the table meanwhile.
                self.teardown(&state);
                return Err(e);
            }
        };
        self.shared.stats.inits.fetch_add(1, Relaxed);
        Ok(PerNet {
            state,
            _file: file,
            _stats: stats,
        })
    }

    fn exit(&self, _net: &NetRef, data: &PerNet<'_>) {
        self.teardown(&data.state);
        self.shared.stats.exits.fetch_add(1, Relaxed);
    }
}

/// `/proc/net/rust_netns`.
struct NetFile;

/// Parses a `peer <pid>` command, with an optional trailing newline.
fn parse_peer(input: &[u8]) -> Result<i32> {
    if input.len() > MAX_COMMAND {
        return Err(EINVAL);
    }
    let input = input.strip_suffix(b"\n").unwrap_or(input);
    let digits = input.strip_prefix(b"peer ").ok_or(EINVAL)?;
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(EINVAL);
    }
    let pid = digits
        .iter()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    match i32::try_from(pid) {
        Ok(pid) if pid > 0 => Ok(pid),
        _ => Err(EINVAL),
    }
}

#[vtable]
impl SingleFile for NetFile {
    type Data = Arc<NetState>;

    fn show(state: ArcBorrow<'_, NetState>, m: &SeqFile) -> Result {
        seq_print!(m, "index {}\n", state.index());
        let peers = state.peers.lock();
        for (id, peer) in peers.iter().flat_map(|t| t.iter()) {
            seq_print!(m, "peer {} index {}\n", id, peer.index());
        }
        Ok(())
    }

    fn write(state: ArcBorrow<'_, NetState>, input: &[u8]) -> Result {
        let pid = parse_peer(input)?;
        // Holding this reference keeps the peer out of `exit` until its id is in the table.
        let net = Namespace::get_by_pid(pid)?;
        let peer = {
            let reg = state.shared.registry.read();
            let index = *reg.by_cookie.get(&net.cookie()).ok_or(ESRCH)?;
            Arc::from(reg.by_index.get(index).ok_or(ESRCH)?)
        };
        state.peer_id(peer)?;
        drop(net);
        Ok(())
    }
}

/// `/proc/net/rust_netns_stats`.
struct StatsFile;

#[vtable]
impl SingleFile for StatsFile {
    type Data = Arc<Shared>;

    fn show(shared: ArcBorrow<'_, Shared>, m: &SeqFile) -> Result {
        let live = shared.registry.read().by_index.iter().count();
        let s = &shared.stats;
        seq_print!(m, "inits {}\n", s.inits.load(Relaxed));
        seq_print!(m, "exits {}\n", s.exits.load(Relaxed));
        seq_print!(m, "live {}\n", live);
        seq_print!(m, "peer_ids {}\n", s.peer_ids.load(Relaxed));
        seq_print!(m, "unhashed {}\n", s.unhashed.load(Relaxed));
        Ok(())
    }
}

struct RustNetnsModule {
    pernet: Option<pernet::Registration<RustNetns>>,
}

impl kernel::Module for RustNetnsModule {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let registry = Registry {
            by_index: Idr::new(GFP_KERNEL)?,
            by_cookie: RBTree::new(),
        };
        let shared = Arc::pin_init(
            pin_init!(Shared {
                registry <- new_rwsem!(
                    registry,
                    "rust_netns:registry"
                ),
                stats: Stats {
                    inits: AtomicU64::new(0),
                    exits: AtomicU64::new(0),
                    peer_ids: AtomicU64::new(0),
                    unhashed: AtomicU64::new(0),
                },
            }),
            GFP_KERNEL,
        )?;
        let pernet = pernet::Registration::new_subsys(RustNetns { shared }, GFP_KERNEL)?;
        let stats = &pernet.context().shared.stats;
        pr_info!("loaded: {} namespaces\n", stats.inits.load(Relaxed));
        Ok(Self {
            pernet: Some(pernet),
        })
    }
}

impl Drop for RustNetnsModule {
    fn drop(&mut self) {
        let Some(pernet) = self.pernet.take() else {
            return;
        };
        let shared = pernet.context().shared.clone();
        // Unregistering runs `exit` for every namespace.
        drop(pernet);
        let s = &shared.stats;
        pr_info!(
            "unloaded: {} inits, {} exits, {} peer ids left, {} unhashed\n",
            s.inits.load(Relaxed),
            s.exits.load(Relaxed),
            s.peer_ids.load(Relaxed),
            s.unhashed.load(Relaxed)
        );
    }
}
