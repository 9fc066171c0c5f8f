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
//!   namespaces: pernet `init` takes it for write to link a namespace in, `exit_batch` takes it
//!   for write once per batch to unlink the dying, and lookups take it for read.
//! - `NetState::peers`, a [`SpinLock`] per namespace (the `nsid_lock` twin), guards that
//!   namespace's peer table: ids to peers, and each peer's id (an [`RBTree`]), so finding the
//!   id a peer already has is O(log n).
//! - `NetState::holders`, a [`SpinLock`] per namespace, guards the back-references: which
//!   tables hold an id for this namespace, and whether it is `dead`. It nests inside a table's
//!   lock (a writer holds the table and adds itself to the peer's holders) and is otherwise
//!   taken alone. Nothing sleeps under either: id nodes are preloaded ([`IdrPreload`]) and
//!   tree nodes reserved before they are taken.
//! - Nothing here takes RTNL. Pernet callbacks for namespaces being created or destroyed run
//!   under the core's `pernet_ops_rwsem` for read only, so many namespaces are set up and torn
//!   down in parallel; at load and unload (registering and unregistering) the core holds it for
//!   write, and the callbacks for every existing namespace run there, one at a time.
//!
//! A batch of dying namespaces (`exit_batch`, or one namespace whose `init` failed after it was
//! linked) goes in three steps: (1) one registry write section unlinks them all; (2) for each
//! dying D, under D's holders lock, D is marked `dead` and its holder set taken; then each
//! holder's table loses D's id, under that table's lock only; (3) D's own table is taken out
//! from under its lock and each peer it named loses D from its holders. The cost is the ids
//! that name or are named by the dying, not the number of namespaces alive, and neither RTNL
//! nor the registry lock is held in steps 2 and 3.
//!
//! Why no id for D is left in a surviving table H: an id is only allocated by a `peer <pid>`
//! write to H, which, holding H's table lock, takes D's holders lock, refuses D if it is
//! `dead`, and otherwise adds the id and H to D's holders before unlocking. Step 2 marks D and
//! takes the holders in one critical section of that same lock: a writer is either before it
//! (H is then in the taken set and loses the id) or after (it sees `dead`). This covers
//! namespaces that still have references when they are torn down (the module being unloaded, a
//! later pernet `init` failing), where the `maybe_get_net()` argument of fb07a820 alone would
//! not. If H dies too, its table goes in its own step 3, whichever comes first; each id leaves
//! its table once, under the table's lock, and is counted there. The table being written to is
//! alive because an open `/proc/net` file holds a reference to its namespace, and a table
//! already taken refuses the write (`ENODEV`).

use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
use kernel::{
    idr::{Idr, IdrPreload},
    net::{
        pernet,
        proc::{Opener, ProcNetFile, SingleFile},
        Namespace, NetRef,
    },
    prelude::*,
    rbtree::{RBTree, RBTreeNodeReservation},
    seq_file::{seq_print, SeqFile},
    sync::{new_rwsem, new_spinlock, Arc, ArcBorrow, RwSemaphore, SpinLock},
    task::Pid,
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

/// A namespace's peer table.
struct Table {
    /// Peer id to peer namespace, like `net->netns_ids`.
    ids: Idr<Arc<NetState>>,
    /// Peer cookie to peer id: the id a peer already has, in O(log n). Keyed by cookie, which
    /// is never reused, not by index, which the cyclic allocator recycles.
    by_peer: RBTree<u64, u32>,
}

/// The tables that hold an id for a namespace.
struct Holders {
    /// Set when the namespace is torn down; from then on no table takes a new id for it.
    dead: bool,
    /// Cookie of each namespace whose table holds an id for this one, to that namespace.
    set: RBTree<u64, Arc<NetState>>,
}

/// The state of one namespace.
#[pin_data]
struct NetState {
    /// Module-wide index; set once, under the registry write lock, before it is published.
    index: AtomicU32,
    inum: u32,
    cookie: u64,
    /// The peer table; `None` once the namespace is torn down.
    #[pin]
    peers: SpinLock<Option<Table>>,
    /// Who holds an id for this namespace (see "Locking").
    #[pin]
    holders: SpinLock<Holders>,
    shared: Arc<Shared>,
}

impl NetState {
    fn index(&self) -> u32 {
        self.index.load(Relaxed)
    }

    /// Gives `peer` an id in the table of `this`, or returns the id it has.
    fn peer_id(this: ArcBorrow<'_, Self>, peer: Arc<NetState>) -> Result<u32> {
        // What the id needs, allocated before the spinlocks, where sleeping is allowed: the
        // tree nodes first, since the preload disables preemption until it is dropped.
        let by_peer = RBTreeNodeReservation::new(GFP_KERNEL)?;
        let holder_node = RBTreeNodeReservation::new(GFP_KERNEL)?;
        let preload = IdrPreload::new(GFP_KERNEL)?;
        let holder: Arc<NetState> = this.into();
        let mut peers = this.peers.lock();
        let table = (*peers).as_mut().ok_or(ENODEV)?;
        if let Some(&id) = table.by_peer.get(&peer.cookie) {
            return Ok(id);
        }
        let mut holders = peer.holders.lock();
        // See "Locking": a peer being torn down gets no new id.
        if holders.dead {
            return Err(ESRCH);
        }
        let id = table
            .ids
            .alloc_preloaded(&preload, peer.clone(), 0..)
            .map_err(|e| e.error)?;
        table.by_peer.insert(by_peer.into_node(peer.cookie, id));
        holders
            .set
            .insert(holder_node.into_node(this.cookie, holder));
        this.shared.stats.peer_ids.fetch_add(1, Relaxed);
        Ok(id)
    }

    /// Marks this namespace dead and removes its id from every table that holds one; returns
    /// how many there were.
    fn unhash(&self) -> u64 {
        let holders = {
            let mut h = self.holders.lock();
            h.dead = true;
            core::mem::take(&mut h.set)
        };
        let mut removed = 0;
        for holder in holders.values() {
            // Dropped after unlocking.
            let _gone = {
                let mut peers = holder.peers.lock();
                (*peers).as_mut().and_then(|t| {
                    let id = t.by_peer.remove(&self.cookie)?;
                    t.ids.remove(id)
                })
            }
            .inspect(|_| removed += 1);
        }
        removed
    }

    /// Takes this namespace's table out, removes it from the holders of every peer it named,
    /// and returns how many ids the table had.
    fn destroy_table(&self) -> u64 {
        let Some(table) = self.peers.lock().take() else {
            return 0;
        };
        let mut ids = 0;
        for (_, peer) in table.ids.iter() {
            let _gone = peer.holders.lock().set.remove(&self.cookie);
            ids += 1;
        }
        ids
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

    /// Tears a batch of namespaces down (see "Locking"): unlinks them from the registry in one
    /// write section, removes their ids from the tables that hold one, destroys their own
    /// tables, and keeps the counters right. `states` gives the batch, once per step. For
    /// `exit_batch`, and for `init` failing after `link`.
    fn teardown<'a, I>(&self, states: impl Fn() -> I)
    where
        I: Iterator<Item = &'a NetState>,
    {
        let stats = &self.shared.stats;
        {
            let mut reg = self.shared.registry.write();
            for state in states() {
                reg.by_index.remove(state.index());
                reg.by_cookie.remove(&state.cookie);
            }
        }
        let (mut unhashed, mut own) = (0, 0);
        for state in states() {
            unhashed += state.unhash();
        }
        // Writers may have given ids to these tables until now; a table may even name its
        // own namespace, a reference cycle that taking the table breaks.
        for state in states() {
            own += state.destroy_table();
        }
        stats.unhashed.fetch_add(unhashed, Relaxed);
        stats.peer_ids.fetch_sub(unhashed + own, Relaxed);
    }
}

kernel::pernet_storage!(RustNetns);

#[vtable]
impl pernet::Operations for RustNetns {
    type Data<'net> = PerNet<'net>;

    fn init<'net>(&self, net: &'net NetRef) -> Result<PerNet<'net>> {
        let table = Table {
            ids: Idr::new(GFP_KERNEL)?,
            by_peer: RBTree::new(),
        };
        let holders = Holders {
            dead: false,
            set: RBTree::new(),
        };
        let state = Arc::pin_init(
            pin_init!(NetState {
                index: AtomicU32::new(0),
                inum: net.inum(),
                cookie: net.cookie(),
                peers <- new_spinlock!(Some(table), "rust_netns:peers"),
                holders <- new_spinlock!(holders, "rust_netns:holders"),
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
                self.teardown(|| core::iter::once(&*state));
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

    fn exit_batch(&self, batch: &pernet::ExitBatch<'_, Self>) {
        self.teardown(|| batch.iter().map(|(_, data)| &*data.state));
        let n = batch.iter().count() as u64;
        self.shared.stats.exits.fetch_add(n, Relaxed);
    }
}

/// `/proc/net/rust_netns`.
struct NetFile;

/// Parses a `peer <pid>` command, with an optional trailing newline.
fn parse_peer(input: &[u8]) -> Result<Pid> {
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
    match Pid::try_from(pid) {
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
        for (id, peer) in peers.iter().flat_map(|t| t.ids.iter()) {
            seq_print!(m, "peer {} index {}\n", id, peer.index());
        }
        Ok(())
    }

    fn write(state: ArcBorrow<'_, NetState>, opener: &Opener, input: &[u8]) -> Result {
        // As for RTM_NEWNSID: CAP_NET_ADMIN over this table's namespace, judged by the
        // credentials the file was opened with.
        if !opener.net_admin_capable() {
            return Err(EPERM);
        }
        let pid = parse_peer(input)?;
        // Holding this reference keeps the peer out of `exit` until its id is in the table.
        let net = Namespace::get_by_pid(pid)?;
        let peer = {
            let reg = state.shared.registry.read();
            let index = *reg.by_cookie.get(&net.cookie()).ok_or(ESRCH)?;
            Arc::from(reg.by_index.get(index).ok_or(ESRCH)?)
        };
        NetState::peer_id(state, peer)?;
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
