// SPDX-License-Identifier: GPL-2.0
/*
 * rn_churn: create and destroy network namespaces without a fork or an
 * exec per namespace.
 *
 *   rn_churn [-m] COUNT STOPFILE
 *
 * Moves itself to a new network namespace COUNT times (0: until STOPFILE
 * exists), which leaves the previous one to die; prints "rn_churn: C
 * created, F failed".  A failure is ENOMEM under fault injection (-m) and
 * an error otherwise (exit 1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long count, created = 0, failed = 0, i;
	bool faults = false;
	int opt;

	while ((opt = getopt(argc, argv, "m")) != -1) {
		if (opt != 'm')
			return 2;
		faults = true;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: rn_churn [-m] COUNT STOPFILE\n");
		return 2;
	}
	count = strtoul(argv[optind], NULL, 10);
	for (i = 0; !count || created < count; i++) {
		if (i % 16 == 0 && access(argv[optind + 1], F_OK) == 0)
			break;
		if (unshare(CLONE_NEWNET) == 0) {
			created++;
		} else if (faults && errno == ENOMEM) {
			failed++;
		} else {
			printf("rn_churn: unshare(CLONE_NEWNET): %s after %lu\n",
			       strerrorname_np(errno), created);
			return 1;
		}
	}
	printf("rn_churn: %lu created, %lu failed\n", created, failed);
	return 0;
}
