// SPDX-License-Identifier: GPL-2.0
/*
 * misuse_load KO: load the module KO with finit_module() and print how it
 * went, "loaded" (exit 0) or "errno N NAME" (exit 1), the number a module's
 * init returned as the kernel handed it back.  busybox's insmod only prints
 * strerror()'s text, which differs between libcs and has none for the
 * kernel-internal errnos (ENOTSUPP, 524).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *name;
	int fd, err;

	if (argc != 2) {
		fprintf(stderr, "usage: misuse_load KO\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	if (syscall(SYS_finit_module, fd, "", 0) == 0) {
		printf("loaded\n");
		return 0;
	}
	err = errno;
	name = strerrorname_np(err);
	printf("errno %d %s\n", err, name ? name : "?");
	return 1;
}
