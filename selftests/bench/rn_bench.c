// SPDX-License-Identifier: GPL-2.0
/*
 * rn_bench: the guest side of "make bench".  Times namespace churn with
 * CLOCK_MONOTONIC and prints one line per result:
 *
 *   BENCH {"workload": ..., ...}
 *
 *   rn_bench loop NAME N P netns|plain|peer
 *	P processes each run N/P iterations of: fork; the child unshares its
 *	network namespace (netns, peer) or not (plain), then execs "sh -c
 *	exit"; wait.  This is the seed's "unshare -n bash -c exit" loop.  With
 *	"peer", the parent gives each child's namespace a rust_netns peer id
 *	in its own table before the child goes on.
 *   rn_bench teardown NAME M L PROBES [peers|none [UNHASH]]
 *	Create M surviving and L doomed namespaces (held by fds), give every
 *	survivor an nsid for every doomed one (RTM_NEWNSID), then drop the L
 *	and time until the last survivor's nsid table is empty again and,
 *	where the lab's counters are, the kernel's nsid teardown of the L is
 *	done (it may empty the survivors in any order).  With
 *	PROBES > 0, meanwhile time PROBES single "unshare -n true" one after
 *	the other: the creation latency users see while a big batch of
 *	namespaces is torn down.  With "peers", also give every doomed
 *	namespace a rust_netns peer id in every survivor (through a process
 *	parked in it and /proc/net/rust_netns).  UNHASH is the netns_unhash
 *	mode to tear down in.
 *   rn_bench crowd NAME M1,M2,... N UNHASH1,UNHASH2,... [named]
 *	W6: grow a crowd of idle namespaces, each with an nsid here, to M1,
 *	M2, ...; at each size, run N x "unshare -n sh -c exit" once in each
 *	netns_unhash mode, in the order given.  With "named" (W6n), the N
 *	are instead made together, each given an nsid here too, and dropped
 *	together: the teardown then has ids to remove, as on a container host.
 *   rn_bench linkdump NAME VETHS R [series|mainline]
 *	W7: R RTM_GETLINK dumps of this namespace, which holds VETHS veth
 *	ends whose peers live in other namespaces (made by the caller): each
 *	such link carries its peer's nsid here, looked up for every dump.
 *	With series or mainline, the lab's netns/mainline switch is set
 *	first: nsid lookups through the index, or mainline's scan.
 *   rn_bench prep PREFIX FROM TO name|up
 *	For the namespaces /run/netns/PREFIX-FROM..TO ("ip netns add"):
 *	give each an nsid here (name), or bring its eth0 up (up: the inner
 *	end of a veth pair, which no iproute2 batch can reach).
 *   rn_bench drop NAME SHAPE CROWD PREFIX L together|serial UNHASH ROUND
 *	W8: the whole teardown of the L namespaces /run/netns/PREFIX-1..L.
 *	Hold each by an fd, remove its name (as "ip netns del"), then drop
 *	them all at once (together: one batch, if the worker is idle) or one
 *	after another, each freed before the next is dropped (serial: a
 *	batch each).  Reports, from /sys/kernel/debug/netns/teardown, what
 *	cleanup_net() did meanwhile: batches, total time and time by phase
 *	and by pernet_operations; and the CPU time the guest spent busy.
 *	UNHASH is a netns_unhash mode, or "series" (holders, with
 *	netns/mainline off) or "mainline" (batched, with netns/mainline on:
 *	nsid lookups and IPv6 device teardown scan as in mainline too).
 *	SHAPE, CROWD and ROUND only label the result.
 *
 * With RN_BENCH_PROFILE set to a function_profile_enabled file (trace
 * kernel), "teardown" runs the function profiler from the drop of the L
 * until they are freed, and stops it: the caller reads what it counted.
 *
 * Where /sys/kernel/debug/netns/unhash exists, teardown and crowd results
 * also carry what the kernel's nsid teardown did meanwhile: its time
 * (unhash_ns), the netns_ids it locked (visited), the ids it removed, the
 * dying namespaces and the batches.  Those are the cleanup work itself,
 * which a loop's time does not see: cleanup runs on a worker.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "rn_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void rust_netns_peer(pid_t pid);

enum { PLAIN, NETNS, PEER };

/* One iteration of the loop; returns 0 on success. */
static int spawn(int kind, int exec_sh)
{
	int up[2], go[2], status;
	char c = 0;
	pid_t pid;

	if (kind == PEER && (pipe(up) || pipe(go)))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (kind != PLAIN && unshare(CLONE_NEWNET))
			_exit(1);
		/* In its namespace: let the parent name it, and wait. */
		if (kind == PEER && (write(up[1], &c, 1) != 1 || read(go[0], &c, 1) != 1))
			_exit(1);
		if (exec_sh)
			execl("/bin/sh", "sh", "-c", "exit", (char *)NULL);
		_exit(exec_sh ? 1 : 0);
	}
	if (kind == PEER) {
		if (read(up[0], &c, 1) == 1)
			rust_netns_peer(pid);
		if (write(go[1], &c, 1) != 1)
			kill(pid, SIGKILL);
		close(up[0]);
		close(up[1]);
		close(go[0]);
		close(go[1]);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

static int cmd_loop(const char *name, int n, int p, int kind)
{
	double t0, ms;
	int i, failed = 0;

	t0 = now_ms();
	for (i = 0; i < p; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			int j, bad = 0;

			for (j = i; j < n; j += p)
				bad |= spawn(kind, 1);
			_exit(bad ? 1 : 0);
		}
	}
	for (i = 0; i < p; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	ms = now_ms() - t0;
	printf("BENCH {\"workload\": \"%s\", \"n\": %d, \"parallel\": %d, \"netns\": %s, \"peer\": %s, \"ms\": %.1f, \"ok\": %s}\n",
	       name, n, p, kind != PLAIN ? "true" : "false", kind == PEER ? "true" : "false",
	       ms, failed ? "false" : "true");
	return failed;
}

/* A new network namespace, held by an fd; the caller stays where it was. */
static int new_netns(int home)
{
	int fd;

	if (unshare(CLONE_NEWNET))
		die("unshare");
	fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("open netns");
	if (setns(home, CLONE_NEWNET))
		die("setns home");
	return fd;
}

struct req {
	struct nlmsghdr nh;
	struct rtgenmsg g;
	char attrs[64];
};

static void add_attr(struct req *r, int type, const void *data, int len)
{
	char *msg = (char *)r;
	struct nlattr *a = (struct nlattr *)(msg + NLMSG_ALIGN(r->nh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/* Read replies until the ACK of @seq; count the entries of a dump. */
static int nl_wait(int sk, unsigned int seq, int *entries)
{
	char buf[65536];

	for (;;) {
		int len = recv(sk, buf, sizeof(buf), 0);
		struct nlmsghdr *nh;

		if (len < 0)
			die("recv");
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len)) {
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				if (e->error) {
					errno = -e->error;
					return -1;
				}
				if (nh->nlmsg_seq == seq)
					return 0;
			} else if (nh->nlmsg_type == NLMSG_DONE) {
				return 0;
			} else if (entries) {
				(*entries)++;
			}
		}
	}
}

/* An rtnetlink request with no attributes yet. */
static void nl_request(struct req *r, int type, int flags, unsigned int seq)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = NLMSG_LENGTH(sizeof(r->g));
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nh.nlmsg_seq = seq;
	r->g.rtgen_family = AF_UNSPEC;
}

/*
 * Give each of the @n namespaces of @peers an nsid in the namespace of @sk:
 * many requests per send, then one wait for the last one's ACK (an error
 * in any of them ends the wait with that error).
 */
#define NSID_BATCH 128
static void set_nsids(int sk, const int *peers, int n, unsigned int *seq)
{
	static char buf[NSID_BATCH * NLMSG_ALIGN(sizeof(struct req))];
	int done = 0;

	while (done < n) {
		int len = 0, k;

		for (k = 0; k < NSID_BATCH && done + k < n; k++) {
			struct req *r = (struct req *)(buf + len);
			int any = -1;

			nl_request(r, RTM_NEWNSID, NLM_F_ACK, (*seq)++);
			add_attr(r, NETNSA_FD, &peers[done + k], sizeof(int));
			add_attr(r, NETNSA_NSID, &any, sizeof(any));
			len += NLMSG_ALIGN(r->nh.nlmsg_len);
		}
		if (send(sk, buf, len, 0) != len)
			die("send RTM_NEWNSID batch");
		if (nl_wait(sk, *seq - 1, NULL))
			die("RTM_NEWNSID");
		done += k;
	}
}

/* What the kernel's nsid teardown has done (/sys/kernel/debug/netns/unhash). */
#define UNHASH_FILE "/sys/kernel/debug/netns/unhash"
struct ustats {
	unsigned long long batches, dying, visited, removed, ns, gathered_ns;
	int has_gathered;
};

static int read_ustats(struct ustats *u)
{
	char line[64], key[32];
	unsigned long long v;
	FILE *f = fopen(UNHASH_FILE, "r");

	memset(u, 0, sizeof(*u));
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%31s %llu", key, &v) != 2)
			continue;	/* "mode NAME" */
		if (!strcmp(key, "batches"))
			u->batches = v;
		else if (!strcmp(key, "dying"))
			u->dying = v;
		else if (!strcmp(key, "visited"))
			u->visited = v;
		else if (!strcmp(key, "removed"))
			u->removed = v;
		else if (!strcmp(key, "ns"))
			u->ns = v;
		else if (!strcmp(key, "gathered_ns")) {
			u->gathered_ns = v;
			u->has_gathered = 1;
		}
	}
	fclose(f);
	return 0;
}

/* Write @value to the lab's knob @path (debugfs), or die. */
static void set_knob(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(value, f) < 0 || fclose(f))
		die(path);
}

static void set_unhash(const char *mode)
{
	set_knob(UNHASH_FILE, mode);
}

/* The lab's netns/mainline switch: mainline's scans instead of the indexes. */
static void set_mainline(int on)
{
	set_knob("/sys/kernel/debug/netns/mainline", on ? "Y" : "N");
}

/* Wait until @n more namespaces than in @u0 have been through the teardown. */
static void wait_dying(const struct ustats *u0, int n, struct ustats *u1)
{
	double t0 = now_ms();

	for (;;) {
		if (read_ustats(u1))
			die(UNHASH_FILE);
		if (u1->dying >= u0->dying + n)
			return;
		if (now_ms() - t0 > 600e3) {
			errno = ETIMEDOUT;
			die("waiting for namespaces to be torn down");
		}
		usleep(2000);
	}
}

static void print_ustats(const struct ustats *a, const struct ustats *b)
{
	printf(", \"unhash_ns\": %llu, \"visited\": %llu, \"removed\": %llu, \"torn_down\": %llu, \"batches\": %llu",
	       b->ns - a->ns, b->visited - a->visited, b->removed - a->removed,
	       b->dying - a->dying, b->batches - a->batches);
	if (b->has_gathered)
		printf(", \"gathered_ns\": %llu", b->gathered_ns - a->gathered_ns);
}

static int count_nsids(int sk, unsigned int seq)
{
	struct req r;
	int n = 0;

	nl_request(&r, RTM_GETNSID, NLM_F_DUMP, seq);
	if (send(sk, &r, r.nh.nlmsg_len, 0) < 0)
		die("send RTM_GETNSID");
	if (nl_wait(sk, seq, &n))
		die("RTM_GETNSID");
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A child parked in namespace @ns until killed; returns its pid. */
static pid_t park_in(int ns)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (setns(ns, CLONE_NEWNET))
			_exit(1);
		pause();
		_exit(0);
	}
	return pid;
}

/* In the current namespace, give the namespace of @pid a rust_netns peer id. */
static void rust_netns_peer(pid_t pid)
{
	char cmd[32];
	int fd, len;

	len = snprintf(cmd, sizeof(cmd), "peer %d", pid);
	fd = open("/proc/self/net/rust_netns", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("open /proc/net/rust_netns");
	/* The child may not have entered its namespace yet: retry. */
	while (write(fd, cmd, len) != len) {
		if (errno != ESRCH && errno != ENOENT)
			die("write peer");
		usleep(1000);
	}
	close(fd);
}

/* Start (1) or stop (0) the function profiler, if RN_BENCH_PROFILE names it. */
static void profile(const char *on)
{
	const char *path = getenv("RN_BENCH_PROFILE");
	int fd;

	if (!path || !*path)
		return;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, on, 1) != 1)
		die("function_profile_enabled");
	close(fd);
}

static int cmd_teardown(const char *name, int m, int l, int probes, int peers,
			const char *unhash)
{
	int home, *surv, *doomed, last_sk = -1, i, j, stats;
	pid_t *parked = NULL;
	unsigned int seq = 1;
	double t0, t_assign, ms, *lat = NULL;
	struct ustats u0, u1;

	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		die("open home netns");
	surv = calloc(m, sizeof(int));
	doomed = calloc(l, sizeof(int));
	if (!surv || !doomed)
		die("calloc");
	t0 = now_ms();
	for (i = 0; i < m; i++)
		surv[i] = new_netns(home);
	for (j = 0; j < l; j++)
		doomed[j] = new_netns(home);
	for (i = 0; i < m; i++) {
		int sk;

		if (setns(surv[i], CLONE_NEWNET))
			die("setns survivor");
		sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
		if (sk < 0)
			die("socket");
		set_nsids(sk, doomed, l, &seq);
		if (i == m - 1)
			last_sk = sk;
		else
			close(sk);
	}
	if (peers) {
		parked = calloc(l, sizeof(pid_t));
		if (!parked)
			die("calloc");
		for (j = 0; j < l; j++)
			parked[j] = park_in(doomed[j]);
		for (i = 0; i < m; i++) {
			if (setns(surv[i], CLONE_NEWNET))
				die("setns survivor");
			for (j = 0; j < l; j++)
				rust_netns_peer(parked[j]);
		}
		for (j = 0; j < l; j++) {
			kill(parked[j], SIGKILL);
			waitpid(parked[j], NULL, 0);
		}
	}
	if (setns(home, CLONE_NEWNET))
		die("setns home");
	if (count_nsids(last_sk, seq++) != l)
		die("nsids missing before teardown");
	t_assign = now_ms() - t0;

	if (probes > 0) {
		lat = calloc(probes, sizeof(double));
		if (!lat)
			die("calloc");
	}
	if (unhash)
		set_unhash(unhash);
	stats = !read_ustats(&u0);
	profile("1");
	t0 = now_ms();
	for (j = 0; j < l; j++)
		close(doomed[j]);
	for (i = 0; i < probes; i++) {
		double p0 = now_ms();

		if (spawn(NETNS, 0))
			die("probe");
		lat[i] = now_ms() - p0;
	}
	while (count_nsids(last_sk, seq++) > 0)
		usleep(2000);
	/* The kernel may empty the last survivor's table before the others'
	 * (it visits holders in no set order): with the lab's counters, the
	 * time runs until the nsid teardown of all L is done.
	 */
	if (stats)
		wait_dying(&u0, l, &u1);
	ms = now_ms() - t0;
	profile("0");

	printf("BENCH {\"workload\": \"%s\", \"survivors\": %d, \"dying\": %d, \"setup_ms\": %.1f, \"ms\": %.1f",
	       name, m, l, t_assign, ms);
	if (unhash)
		printf(", \"unhash\": \"%s\"", unhash);
	if (stats)
		print_ustats(&u0, &u1);
	if (probes > 0) {
		qsort(lat, probes, sizeof(double), cmp_double);
		printf(", \"probes\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f",
		       probes, lat[probes / 2], lat[(probes * 99) / 100], lat[probes - 1]);
	}
	printf(", \"ok\": true}\n");
	for (i = 0; i < m; i++)
		close(surv[i]);
	close(last_sk);
	return 0;
}

/*
 * W6: the cost of tearing namespaces down next to a crowd of idle ones that
 * this namespace names (as "ip netns set" or a veth peer in each would).
 */
static int cmd_crowd(const char *name, char *sizes, int n, char *modes, int named)
{
	int home, sk, *crowd = NULL, have = 0, i, failed = 0, *churn;
	unsigned int seq = 1;
	char *size, *mode, *sp, *mp;

	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	churn = calloc(n, sizeof(int));
	if (home < 0 || sk < 0 || !churn)
		die("home netns, socket and churn");
	for (size = strtok_r(sizes, ",", &sp); size; size = strtok_r(NULL, ",", &sp)) {
		int m = atoi(size);
		char *list;

		if (m > have) {
			crowd = realloc(crowd, m * sizeof(int));
			if (!crowd)
				die("realloc");
			for (i = have; i < m; i++)
				crowd[i] = new_netns(home);
			set_nsids(sk, crowd + have, m - have, &seq);
			have = m;
		}
		list = strdup(modes);
		if (!list)
			die("strdup");
		for (mode = strtok_r(list, ",", &mp); mode; mode = strtok_r(NULL, ",", &mp)) {
			struct ustats u0, u1;
			double t0, ms;
			int bad = 0;

			set_unhash(mode);
			if (named) {
				for (i = 0; i < n; i++)
					churn[i] = new_netns(home);
				set_nsids(sk, churn, n, &seq);
			}
			if (read_ustats(&u0))
				die(UNHASH_FILE);
			t0 = now_ms();
			for (i = 0; i < n; i++) {
				if (named)
					close(churn[i]);
				else
					bad |= spawn(NETNS, 1);
			}
			ms = now_ms() - t0;
			wait_dying(&u0, n, &u1);
			failed |= bad;
			printf("BENCH {\"workload\": \"%s\", \"name\": \"%s\", \"crowd\": %d, \"unhash\": \"%s\", \"n\": %d, \"ms\": %.1f",
			       named ? "W6n" : "W6", name, have, mode, n, ms);
			print_ustats(&u0, &u1);
			printf(", \"ok\": %s}\n", bad ? "false" : "true");
		}
		free(list);
	}
	for (i = 0; i < have; i++)
		close(crowd[i]);
	free(crowd);
	free(churn);
	return failed;
}

/*
 * W7: the cost per link of RTM_GETLINK dumps in a namespace whose veth ends
 * have their peers in @veths other namespaces.  Each such link's dump looks
 * its peer's nsid up in this namespace's netns_ids (peernet2id_alloc()).
 */
static int cmd_linkdump(const char *name, int veths, int reps, const char *code)
{
	int sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	unsigned int seq = 1;
	int i, links = 0;
	struct req r;
	double t0, ms;

	if (sk < 0)
		die("socket");
	if (code)
		set_mainline(!strcmp(code, "mainline"));
	/* Untimed: a first dump, which gives any peer without one an nsid. */
	nl_request(&r, RTM_GETLINK, NLM_F_DUMP, seq);
	if (send(sk, &r, r.nh.nlmsg_len, 0) < 0 || nl_wait(sk, seq++, &links))
		die("RTM_GETLINK");
	t0 = now_ms();
	for (i = 0; i < reps; i++) {
		int n = 0;

		nl_request(&r, RTM_GETLINK, NLM_F_DUMP, seq);
		if (send(sk, &r, r.nh.nlmsg_len, 0) < 0 || nl_wait(sk, seq++, &n))
			die("RTM_GETLINK");
		if (n != links) {
			fprintf(stderr, "dump %d: %d links, the first had %d\n", i, n, links);
			return 1;
		}
	}
	ms = now_ms() - t0;
	printf("BENCH {\"workload\": \"W7\", \"name\": \"%s\", \"veths\": %d, \"links\": %d, \"dumps\": %d, \"code\": \"%s\", \"ms\": %.1f, \"ok\": %s}\n",
	       name, veths, links, reps, code ? code : "series", ms, links > veths ? "true" : "false");
	close(sk);
	return links > veths ? 0 : 1;
}

/* /run/netns/PREFIX-I, which "ip netns add PREFIX-I" made. */
static void netns_path(char *buf, size_t len, const char *prefix, int i)
{
	if (snprintf(buf, len, "/run/netns/%s-%d", prefix, i) >= (int)len) {
		errno = ENAMETOOLONG;
		die(prefix);
	}
}

static int open_netns(const char *prefix, int i)
{
	char path[128];
	int fd;

	netns_path(path, sizeof(path), prefix, i);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(path);
	return fd;
}

static int cmd_prep(const char *prefix, int from, int to, const char *what)
{
	int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int n = to - from + 1, *fds, i;
	unsigned int seq = 1;

	fds = calloc(n > 0 ? n : 1, sizeof(int));
	if (home < 0 || !fds)
		die("home netns and fds");
	for (i = 0; i < n; i++)
		fds[i] = open_netns(prefix, from + i);
	if (!strcmp(what, "name")) {
		int sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

		if (sk < 0)
			die("socket");
		set_nsids(sk, fds, n, &seq);
		close(sk);
	} else if (!strcmp(what, "up")) {
		for (i = 0; i < n; i++) {
			struct ifreq ifr = { .ifr_name = "eth0" };
			int sk;

			if (setns(fds[i], CLONE_NEWNET))
				die("setns");
			sk = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			if (sk < 0 || ioctl(sk, SIOCGIFFLAGS, &ifr))
				die("eth0 flags");
			ifr.ifr_flags |= IFF_UP;
			if (ioctl(sk, SIOCSIFFLAGS, &ifr))
				die("eth0 up");
			close(sk);
		}
		if (setns(home, CLONE_NEWNET))
			die("setns home");
	} else {
		fprintf(stderr, "prep: name or up, not %s\n", what);
		return 2;
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
	close(home);
	return 0;
}

/*
 * What cleanup_net() has done since boot (/sys/kernel/debug/netns/teardown):
 * "KEY NS" lines for the counters and phases, then "ops NAME PRE_EXIT
 * EXIT_RTNL EXIT EXIT_BATCH" lines.  "dying" comes first and is written last
 * by the kernel, so a batch it counts is in every other sum read after it.
 */
#define TEARDOWN_FILE "/sys/kernel/debug/netns/teardown"
#define TD_KEYS 32
#define TD_OPS 160
struct tdstats {
	int nkeys, nops;
	char key[TD_KEYS][24];
	unsigned long long val[TD_KEYS];
	char op[TD_OPS][64];
	unsigned long long opns[TD_OPS][4];
};

static unsigned long long td_get(const struct tdstats *t, const char *key)
{
	int i;

	for (i = 0; i < t->nkeys; i++)
		if (!strcmp(t->key[i], key))
			return t->val[i];
	return 0;
}

static void read_td(struct tdstats *t)
{
	char line[256];
	FILE *f = fopen(TEARDOWN_FILE, "r");

	if (!f)
		die(TEARDOWN_FILE);
	t->nkeys = t->nops = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "ops ", 4)) {
			unsigned long long *v;

			if (t->nops == TD_OPS)
				continue;
			v = t->opns[t->nops];
			if (sscanf(line, "ops %63s %llu %llu %llu %llu", t->op[t->nops],
				   &v[0], &v[1], &v[2], &v[3]) == 5)
				t->nops++;
		} else if (t->nkeys < TD_KEYS &&
			   sscanf(line, "%23s %llu", t->key[t->nkeys], &t->val[t->nkeys]) == 2) {
			t->nkeys++;
		}
	}
	fclose(f);
}

/* The guest's busy CPU time in ms, from the first line of /proc/stat. */
static double cpu_busy_ms(void)
{
	unsigned long long v[8] = { 0 }, busy = 0;
	FILE *f = fopen("/proc/stat", "r");
	int i;

	if (!f || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
			 &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 8)
		die("/proc/stat");
	fclose(f);
	for (i = 0; i < 8; i++)
		if (i != 3 && i != 4)	/* idle, iowait */
			busy += v[i];
	return busy * 1000.0 / sysconf(_SC_CLK_TCK);
}

/* Wait until cleanup_net() has counted @n more dying namespaces than @a. */
static void wait_td(const struct tdstats *a, int n, struct tdstats *b)
{
	double t0 = now_ms();

	for (;;) {
		read_td(b);
		if (td_get(b, "dying") >= td_get(a, "dying") + n)
			return;
		if (now_ms() - t0 > 600e3) {
			errno = ETIMEDOUT;
			die("waiting for namespaces to be torn down");
		}
		usleep(2000);
	}
}

static int cmd_drop(const char *name, const char *shape, int crowd,
		    const char *prefix, int l, int serial, const char *unhash, int round)
{
	unsigned long long batches;
	struct tdstats *a, *b, *c;
	double busy, ms, t0;
	int *fds, i, j;
	const char *sep;
	char path[128];

	fds = calloc(l, sizeof(int));
	a = malloc(sizeof(*a));
	b = malloc(sizeof(*b));
	c = malloc(sizeof(*c));
	if (!fds || !a || !b || !c)
		die("calloc");
	for (i = 0; i < l; i++) {
		fds[i] = open_netns(prefix, i + 1);
		netns_path(path, sizeof(path), prefix, i + 1);
		if (umount2(path, MNT_DETACH) || unlink(path))
			die(path);
	}
	if (!strcmp(unhash, "series") || !strcmp(unhash, "mainline")) {
		int mainline = !strcmp(unhash, "mainline");

		set_unhash(mainline ? "batched" : "holders");
		set_mainline(mainline);
	} else {
		set_unhash(unhash);
	}
	read_td(a);
	busy = cpu_busy_ms();
	t0 = now_ms();
	if (serial) {
		for (i = 0; i < l; i++) {
			read_td(c);
			close(fds[i]);
			wait_td(c, 1, b);
		}
	} else {
		for (i = 0; i < l; i++)
			close(fds[i]);
	}
	wait_td(a, l, b);
	ms = now_ms() - t0;
	busy = cpu_busy_ms() - busy;
	batches = td_get(b, "batches") - td_get(a, "batches");

	printf("BENCH {\"workload\": \"W8\", \"name\": \"%s\", \"shape\": \"%s\", \"crowd\": %d, \"dying\": %d, \"unhash\": \"%s\", \"w8_round\": %d, \"serial\": %s, \"ms\": %.1f, \"busy_ms\": %.1f, \"batches\": %llu, \"torn_down\": %llu",
	       name, shape, crowd, l, unhash, round, serial ? "true" : "false", ms, busy, batches,
	       td_get(b, "dying") - td_get(a, "dying"));
	/* Every counter but dying and batches is a time in ns. */
	printf(", \"phases_ns\": {");
	for (i = 0, sep = ""; i < b->nkeys; i++) {
		if (!strcmp(b->key[i], "dying") || !strcmp(b->key[i], "batches"))
			continue;
		printf("%s\"%s\": %llu", sep, b->key[i], b->val[i] - td_get(a, b->key[i]));
		sep = ", ";
	}
	printf("}, \"ops_ns\": {");
	for (i = 0, sep = ""; i < b->nops; i++) {
		unsigned long long d[4], sum = 0;
		int k;

		for (k = 0; k < 4; k++) {
			d[k] = b->opns[i][k];
			for (j = 0; j < a->nops; j++)
				if (!strcmp(a->op[j], b->op[i]))
					d[k] -= a->opns[j][k];
			sum += d[k];
		}
		if (!sum)
			continue;
		printf("%s\"%s\": [%llu, %llu, %llu, %llu]", sep, b->op[i], d[0], d[1], d[2], d[3]);
		sep = ", ";
	}
	printf("}, \"ok\": %s}\n", batches > 0 ? "true" : "false");
	free(fds);
	free(a);
	free(b);
	free(c);
	return batches > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	/* W3 at 1000 x 1000 and W6 hold thousands of namespace fds. */
	struct rlimit fds = { 1 << 16, 1 << 16 };

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (setrlimit(RLIMIT_NOFILE, &fds))
		die("setrlimit RLIMIT_NOFILE");
	if (argc == 6 && !strcmp(argv[1], "loop"))
		return cmd_loop(argv[2], atoi(argv[3]), atoi(argv[4]),
				!strcmp(argv[5], "peer") ? PEER :
				!strcmp(argv[5], "netns") ? NETNS : PLAIN);
	if (argc >= 6 && argc <= 8 && !strcmp(argv[1], "teardown"))
		return cmd_teardown(argv[2], atoi(argv[3]), atoi(argv[4]),
				    atoi(argv[5]),
				    argc >= 7 && !strcmp(argv[6], "peers"),
				    argc == 8 ? argv[7] : NULL);
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "crowd"))
		return cmd_crowd(argv[2], argv[3], atoi(argv[4]), argv[5],
				 argc == 7 && !strcmp(argv[6], "named"));
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "linkdump"))
		return cmd_linkdump(argv[2], atoi(argv[3]), atoi(argv[4]),
				    argc == 6 ? argv[5] : NULL);
	if (argc == 6 && !strcmp(argv[1], "prep"))
		return cmd_prep(argv[2], atoi(argv[3]), atoi(argv[4]), argv[5]);
	if (argc == 10 && !strcmp(argv[1], "drop"))
		return cmd_drop(argv[2], argv[3], atoi(argv[4]), argv[5], atoi(argv[6]),
				!strcmp(argv[7], "serial"), argv[8], atoi(argv[9]));
	fprintf(stderr, "usage: rn_bench loop NAME N P netns|plain|peer\n"
			"       rn_bench teardown NAME M L PROBES [peers|none [UNHASH]]\n"
			"       rn_bench crowd NAME M1,M2,... N UNHASH1,UNHASH2,... [named]\n"
			"       rn_bench linkdump NAME VETHS R [series|mainline]\n"
			"       rn_bench prep PREFIX FROM TO name|up\n"
			"       rn_bench drop NAME SHAPE CROWD PREFIX L together|serial UNHASH ROUND\n");
	return 2;
}
