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
//!   (read), never the other way round, and nothing sleeps under it: ids are allocated with
//!   `GFP_ATOMIC`, as `alloc_netid()` does.
//! - Nothing here takes RTNL, and pernet callbacks run under the core's `pernet_ops_rwsem`
//!   for read only, so many namespaces are set up and torn down in parallel.
//!
//! When namespace D dies, its `exit` (1) takes the registry for write and unlinks D,
//! (2) downgrades to read and walks every surviving namespace, removing D's peer ids from each
//! table under that table's lock only, and (3) takes D's own table out from under its lock and
//! destroys it. Neither RTNL nor the registry write lock is held during the walk.
//!
//! Why a peer id is never hashed back for D once step (2) has passed D's table: ids are only
//! allocated by a `peer <pid>` write, which first takes a counted reference to the peer's
//! namespace with `get_net_ns_by_pid()` and holds it until the id is in the table. A namespace
//! whose reference count has dropped to zero cannot be found that way (its tasks are gone), so
//! a writer holds a reference to D only while D's count is not zero, that is strictly before D
//! is queued for destruction, and its id is therefore in the table before D's `exit` starts
//! the walk. This is the `maybe_get_net()` argument of fb07a820: the functions that hash a net
//! into netns_ids only do so for a net with a non-zero count. The table being written to is
//! alive for the same reason: an open `/proc/net` file holds a reference to its namespace.

use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
use kernel::{
    idr::Idr,
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
    shared: Arc<Shared>,
}

impl NetState {
    fn index(&self) -> u32 {
        self.index.load(Relaxed)
    }

    /// Gives `peer` an id in this namespace's table, or returns the id it has.
    fn peer_id(&self, peer: Arc<NetState>) -> Result<u32> {
        let mut peers = self.peers.lock();
        let table = (*peers).as_mut().ok_or(ENODEV)?;
        if let Some((id, _)) = table.iter().find(|(_, p)| p.index() == peer.index()) {
            return Ok(id);
        }
        let id = table.alloc(peer, 0.., GFP_ATOMIC)?;
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

/// What the module keeps in each namespace.
struct PerNet {
    state: Arc<NetState>,
    _file: ProcNetFile<NetFile>,
    _stats: Option<ProcNetFile<StatsFile>>,
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
}

impl pernet::Operations for RustNetns {
    type Data = PerNet;

    fn storage() -> &'static pernet::Storage<Self> {
        kernel::pernet_storage!(RustNetns)
    }

    fn init(&self, net: &NetRef) -> Result<PerNet> {
        let table = Idr::new(GFP_KERNEL)?;
        let state = Arc::pin_init(
            pin_init!(NetState {
                index: AtomicU32::new(0),
                inum: net.inum(),
                cookie: net.cookie(),
                peers <- new_spinlock!(Some(table), "rust_netns:peers"),
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
                self.unlink_and_unhash(&state);
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

    fn exit(&self, _net: &NetRef, data: &PerNet) {
        let stats = &self.shared.stats;
        let unhashed = self.unlink_and_unhash(&data.state);
        let own = data.state.peers.lock().take();
        let own_ids = own.as_ref().map_or(0, |t| t.iter().count() as u64);
        drop(own);
        stats.unhashed.fetch_add(unhashed, Relaxed);
        stats.peer_ids.fetch_sub(unhashed + own_ids, Relaxed);
        stats.exits.fetch_add(1, Relaxed);
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
