// SPDX-License-Identifier: GPL-2.0
/*
 * proc_leak: with misuse_proc_leak_ok loaded (it leaks /proc/net/misuse_proc_leak
 * in every new network namespace), hold that entry open with O_PATH in a new
 * namespace X, leave X so that it dies, and open the entry again through
 * /proc/self/fd: once X is destroyed it must fail with ENOENT (the proc core
 * removed it with X's /proc/net), also after other namespaces have come and
 * gone, never reach the freed directory.  Exits 0 if so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Opens the held entry again; returns the errno, 0 if it opened and reads right. */
static int reopen(int held)
{
	char path[64], buf[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", held);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || strncmp(buf, "leaked by namespace ", 20)) {
		printf("# read of the live entry: %zd bytes\n", n);
		return EIO;
	}
	return 0;
}

int main(void)
{
	int init, held, err, i;

	init = open("/proc/self/ns/net", O_RDONLY);
	if (init < 0 || unshare(CLONE_NEWNET)) {
		perror("# unshare");
		return 2;
	}
	held = open("/proc/self/net/misuse_proc_leak", O_PATH);
	if (held < 0) {
		perror("# open the leaked entry");
		return 1;
	}
	err = reopen(held);
	if (err) {
		printf("# reopen while its namespace lives: %s\n", strerrorname_np(err));
		return 1;
	}
	if (setns(init, CLONE_NEWNET)) {
		perror("# setns");
		return 2;
	}
	/*
	 * The namespace is destroyed by a worker: give it up to 20 s.  Until
	 * its /proc/net goes, the entry opens (0), then, once its last
	 * reference is gone, cannot take one (ENXIO); then it is removed.
	 */
	for (i = 0; i < 200; i++) {
		err = reopen(held);
		if (err != 0 && err != ENXIO)
			break;
		usleep(100000);
	}
	if (err != ENOENT) {
		printf("# reopen after its namespace died: %s\n", strerrorname_np(err));
		return 1;
	}
	for (i = 0; i < 20; i++) {
		if (unshare(CLONE_NEWNET)) {
			perror("# unshare");
			return 2;
		}
		usleep(100000);
		err = reopen(held);
		if (err != ENOENT) {
			printf("# reopen after %d more namespaces: %s\n", i + 1,
			       strerrorname_np(err));
			return 1;
		}
	}
	printf("# the held entry: readable while its namespace lived, ENOENT after\n");
	return 0;
}
