// SPDX-License-Identifier: GPL-2.0
/*
 * rn_bench: the guest side of "make bench".  Times namespace churn with
 * CLOCK_MONOTONIC and prints one line per result:
 *
 *   BENCH {"workload": ..., ...}
 *
 *   rn_bench loop NAME N P netns|plain
 *	P processes each run N/P iterations of: fork; the child unshares its
 *	network namespace (netns) or not (plain), then execs "sh -c exit";
 *	wait.  This is the seed's "unshare -n bash -c exit" loop.
 *   rn_bench teardown NAME M L PROBES [peers]
 *	Create M surviving and L doomed namespaces (held by fds), give every
 *	survivor an nsid for every doomed one (RTM_NEWNSID), then drop the L
 *	and time until the last survivor's nsid table is empty again.  With
 *	PROBES > 0, meanwhile time PROBES single "unshare -n true" one after
 *	the other: the creation latency users see while a big batch of
 *	namespaces is torn down.  With "peers", also give every doomed
 *	namespace a rust_netns peer id in every survivor (through a process
 *	parked in it and /proc/net/rust_netns).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* One iteration of the loop; returns 0 on success. */
static int spawn(int netns, int exec_sh)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (netns && unshare(CLONE_NEWNET))
			_exit(1);
		if (exec_sh)
			execl("/bin/sh", "sh", "-c", "exit", (char *)NULL);
		_exit(exec_sh ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

static int cmd_loop(const char *name, int n, int p, int netns)
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
				bad |= spawn(netns, 1);
			_exit(bad ? 1 : 0);
		}
	}
	for (i = 0; i < p; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	ms = now_ms() - t0;
	printf("BENCH {\"workload\": \"%s\", \"n\": %d, \"parallel\": %d, \"netns\": %s, \"ms\": %.1f, \"ok\": %s}\n",
	       name, n, p, netns ? "true" : "false", ms, failed ? "false" : "true");
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

static void add_attr(struct nlmsghdr *nh, int type, const void *data, int len)
{
	struct nlattr *a = (struct nlattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/* Read replies until the ACK of @seq; count RTM_NEWNSID entries of a dump. */
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
			} else if (nh->nlmsg_type == RTM_NEWNSID && entries) {
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

/* Give the namespace of @peer an nsid in the namespace of @sk. */
static void set_nsid(int sk, int peer, unsigned int seq)
{
	struct req r;
	int any = -1;

	nl_request(&r, RTM_NEWNSID, NLM_F_ACK, seq);
	add_attr(&r.nh, NETNSA_FD, &peer, sizeof(peer));
	add_attr(&r.nh, NETNSA_NSID, &any, sizeof(any));
	if (send(sk, &r, r.nh.nlmsg_len, 0) < 0)
		die("send RTM_NEWNSID");
	if (nl_wait(sk, seq, NULL))
		die("RTM_NEWNSID");
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

static int cmd_teardown(const char *name, int m, int l, int probes, int peers)
{
	int home, *surv, *doomed, last_sk = -1, i, j;
	pid_t *parked = NULL;
	unsigned int seq = 1;
	double t0, t_assign, ms, *lat = NULL;

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
		for (j = 0; j < l; j++)
			set_nsid(sk, doomed[j], seq++);
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
	t0 = now_ms();
	for (j = 0; j < l; j++)
		close(doomed[j]);
	for (i = 0; i < probes; i++) {
		double p0 = now_ms();

		if (spawn(1, 0))
			die("probe");
		lat[i] = now_ms() - p0;
	}
	while (count_nsids(last_sk, seq++) > 0)
		usleep(2000);
	ms = now_ms() - t0;

	printf("BENCH {\"workload\": \"%s\", \"survivors\": %d, \"dying\": %d, \"setup_ms\": %.1f, \"ms\": %.1f",
	       name, m, l, t_assign, ms);
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

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 6 && !strcmp(argv[1], "loop"))
		return cmd_loop(argv[2], atoi(argv[3]), atoi(argv[4]),
				!strcmp(argv[5], "netns"));
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "teardown"))
		return cmd_teardown(argv[2], atoi(argv[3]), atoi(argv[4]),
				    atoi(argv[5]),
				    argc == 7 && !strcmp(argv[6], "peers"));
	fprintf(stderr, "usage: rn_bench loop NAME N P netns|plain\n"
			"       rn_bench teardown NAME M L PROBES [peers]\n");
	return 2;
}
