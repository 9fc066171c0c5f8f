// SPDX-License-Identifier: GPL-2.0
/*
 * rn_write: one write(2) to a file, reporting the errno by name, which the
 * guest's busybox shell cannot do.
 *
 *   rn_write FILE DATA           write DATA (no newline added)
 *   rn_write -r N FILE DATA      write DATA repeated N times, in one write
 *   rn_write -e FILE DATA        write DATA with each "\0" in it as a NUL byte
 *   rn_write -z FILE PREFIX      fork a child that exits at once, and while
 *                                it is a zombie write PREFIX<child pid>
 *   rn_write -c open|write ...   drop CAP_NET_ADMIN from the effective set
 *                                before the open, or after it (before the
 *                                write): which credentials does the file judge?
 *
 * Prints "ok" or the errno name (EINVAL, ESRCH, ...) and exits 0 if the
 * write succeeded, 1 if it failed, 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Where -c drops CAP_NET_ADMIN: 'o' before the open, 'w' before the write. */
static char drop_at;

/* Drop CAP_NET_ADMIN from the effective set; it stays permitted. */
static void drop_net_admin(void)
{
	struct __user_cap_header_struct head = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &head, data) ||
	    (data[CAP_TO_INDEX(CAP_NET_ADMIN)].effective &= ~CAP_TO_MASK(CAP_NET_ADMIN),
	     syscall(SYS_capset, &head, data))) {
		perror("capget/capset");
		exit(2);
	}
}

static int write_once(const char *path, const char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (drop_at == 'o')
		drop_net_admin();
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	if (drop_at == 'w')
		drop_net_admin();
	n = write(fd, buf, len);
	if (n < 0) {
		printf("%s\n", strerrorname_np(errno));
		close(fd);
		return 1;
	}
	close(fd);
	if ((size_t)n != len) {
		printf("short write %zd of %zu\n", n, len);
		return 1;
	}
	printf("ok\n");
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: rn_write [-r N | -e | -z] [-c open|write] FILE DATA\n");
	return 2;
}

/* Turn each "\0" of s into a NUL byte, in place; returns the new length. */
static size_t unescape_nul(char *s)
{
	size_t in, out = 0, len = strlen(s);

	for (in = 0; in < len; in++) {
		if (s[in] == '\\' && s[in + 1] == '0') {
			s[out++] = '\0';
			in++;
		} else {
			s[out++] = s[in];
		}
	}
	return out;
}

int main(int argc, char **argv)
{
	size_t repeat = 1, len, i;
	int zombie = 0, escapes = 0, opt, ret;
	char *buf;

	while ((opt = getopt(argc, argv, "c:r:ez")) != -1) {
		switch (opt) {
		case 'c':
			if (strcmp(optarg, "open") && strcmp(optarg, "write"))
				return usage();
			drop_at = optarg[0];
			break;
		case 'e':
			escapes = 1;
			break;
		case 'r':
			repeat = strtoul(optarg, NULL, 10);
			break;
		case 'z':
			zombie = 1;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 2 || repeat == 0)
		return usage();

	if (zombie) {
		siginfo_t info;
		pid_t child;

		child = fork();
		if (child < 0)
			return 2;
		if (child == 0)
			_exit(0);
		/* Wait until it has exited, but leave it unreaped. */
		memset(&info, 0, sizeof(info));
		if (waitid(P_PID, child, &info, WEXITED | WNOWAIT) < 0)
			return 2;
		if (asprintf(&buf, "%s%d", argv[optind + 1], child) < 0)
			return 2;
		ret = write_once(argv[optind], buf, strlen(buf));
		waitpid(child, NULL, 0);
		return ret;
	}

	len = escapes ? unescape_nul(argv[optind + 1]) : strlen(argv[optind + 1]);
	buf = malloc(len * repeat + 1);
	if (!buf)
		return 2;
	for (i = 0; i < repeat; i++)
		memcpy(buf + i * len, argv[optind + 1], len);
	return write_once(argv[optind], buf, len * repeat);
}
