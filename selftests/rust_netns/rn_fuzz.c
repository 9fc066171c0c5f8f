// SPDX-License-Identifier: GPL-2.0
/*
 * rn_fuzz: hostile writes to a rust_netns table, each judged against the
 * command grammar and the table itself.
 *
 *   rn_fuzz [-m] FILE COUNT SEED PID
 *
 * Writes COUNT judged inputs to FILE: random bytes, and mutations of "peer PID"
 * (flipped, replaced, inserted and deleted bytes, NULs, signs, huge and
 * zero-padded numbers, repeated pieces, cut ends).  Run it in a network
 * namespace of its own, so that no one else adds to the table it writes.
 * Each input is valid when it is "peer " and 1 to 10 decimal digits with a
 * value from 1 to INT_MAX, then at most one newline, 32 bytes at most.
 * Then:
 *   - an invalid input fails with EINVAL, a valid one never does;
 *   - a valid input succeeds or fails with ESRCH (no such process);
 *   - a failed write adds nothing to the table, a successful one adds at
 *     most one line (lines may disappear at any time: a peer that dies is
 *     unhashed);
 *   - ENOENT, EIO or ENODEV mean the module is being unloaded or reloaded
 *     under the write: not judged, counted, and another input is tried (at
 *     most 20 * COUNT tries in all);
 *   - with -m, ENOMEM is allowed too (fault injection is on).
 * Prints one summary line; exits 1 at the first violation, with the input
 * in hex, 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_COMMAND 32
#define FUZZ_MAX 48
#define MAX_TABLE 65536

static uint64_t rng_state;

static uint32_t rng(void)
{
	/* xorshift64*: reproducible from the seed, good enough to fuzz with. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static bool valid(const char *in, size_t len)
{
	uint64_t value = 0;
	size_t i, digits;

	if (len > MAX_COMMAND)
		return false;
	if (len && in[len - 1] == '\n')
		len--;
	if (len < 5 || memcmp(in, "peer ", 5))
		return false;
	digits = len - 5;
	if (digits < 1 || digits > 10)
		return false;
	for (i = 5; i < len; i++) {
		if (in[i] < '0' || in[i] > '9')
			return false;
		value = value * 10 + (uint64_t)(in[i] - '0');
	}
	return value >= 1 && value <= INT_MAX;
}

/* The table as text; -1 if it cannot be read (module going away). */
static ssize_t read_table(const char *path, char *buf)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, MAX_TABLE - 1 - total)) > 0)
		total += n;
	close(fd);
	if (n < 0)
		return -1;
	buf[total] = '\0';
	return total;
}

/* Whether both tables are of one load of the module: same index line. */
static bool same_load(const char *before, const char *after)
{
	size_t n = strcspn(before, "\n");

	return n == strcspn(after, "\n") && !memcmp(before, after, n);
}

/* Lines of after that are not in before. */
static int added_lines(const char *before, char *after)
{
	char *line, *save = NULL;
	char needle[256];
	int added = 0;

	for (line = strtok_r(after, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		snprintf(needle, sizeof(needle), "%s\n", line);
		if (!strstr(before, needle))
			added++;
	}
	return added;
}

static size_t make_input(char *in, pid_t pid)
{
	static const char *const numbers[] = {
		"0", "-1", "+1", "1", "2147483647", "2147483648", "4294967296",
		"99999999999", "0000000001", "00000000001", " 1", "1 ", "\t1",
	};
	static const char pool[] = "0123456789\n -";
	size_t len, i, k, n;
	char tmp[FUZZ_MAX * 2];

	if (rng() % 4 == 0) {
		len = 1 + rng() % 40;
		for (i = 0; i < len; i++)
			in[i] = (char)rng();
		return len;
	}
	if (rng() % 5 == 0)
		len = snprintf(in, FUZZ_MAX, "peer %s", numbers[rng() % 13]);
	else
		len = snprintf(in, FUZZ_MAX, "peer %d%s", pid, rng() % 2 ? "\n" : "");
	for (n = rng() % 4; n; n--) {
		i = len ? rng() % len : 0;
		switch (rng() % 7) {
		case 0: /* flip a bit */
			if (len)
				in[i] ^= (char)(1 << (rng() % 8));
			break;
		case 1: /* replace a byte: a digit, a newline, a NUL, anything */
			k = rng() % (sizeof(pool) + 1);
			if (len)
				in[i] = k < sizeof(pool) - 1 ? pool[k] :
					k == sizeof(pool) - 1 ? '\0' : (char)rng();
			break;
		case 2: /* insert a byte */
			if (len < FUZZ_MAX - 1) {
				memmove(in + i + 1, in + i, len - i);
				in[i] = rng() % 2 ? (char)('0' + rng() % 10) : (char)rng();
				len++;
			}
			break;
		case 3: /* delete a byte */
			if (len > 1) {
				memmove(in + i, in + i + 1, len - i - 1);
				len--;
			}
			break;
		case 4: /* repeat the input's tail */
			k = len - i;
			if (len + k < FUZZ_MAX) {
				memcpy(tmp, in + i, k);
				memcpy(in + len, tmp, k);
				len += k;
			}
			break;
		case 5: /* cut the end */
			if (len > 1)
				len = 1 + rng() % len;
			break;
		default: /* leading zeros */
			if (len > 5 && len + 3 < FUZZ_MAX && !memcmp(in, "peer ", 5)) {
				memmove(in + 8, in + 5, len - 5);
				memcpy(in + 5, "000", 3);
				len += 3;
			}
			break;
		}
	}
	return len;
}

static void dump(const char *why, const char *in, size_t len, int err)
{
	size_t i;

	printf("rn_fuzz: %s (%s) for input:", why, err ? strerrorname_np(err) : "ok");
	for (i = 0; i < len; i++)
		printf(" %02x", (unsigned char)in[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static char before[MAX_TABLE], after[MAX_TABLE];
	unsigned long count, done, accepted = 0, einval = 0, esrch = 0, enomem = 0,
				   unload = 0;
	bool faults = false;
	char in[FUZZ_MAX];
	const char *path;
	pid_t pid;
	int opt;

	while ((opt = getopt(argc, argv, "m")) != -1) {
		if (opt != 'm')
			return 2;
		faults = true;
	}
	if (argc - optind != 4) {
		fprintf(stderr, "usage: rn_fuzz [-m] FILE COUNT SEED PID\n");
		return 2;
	}
	path = argv[optind];
	count = strtoul(argv[optind + 1], NULL, 10);
	rng_state = strtoull(argv[optind + 2], NULL, 10) * 2654435761ULL + 1;
	pid = (pid_t)atoi(argv[optind + 3]);

	for (done = 0; done < count;) {
		size_t len = make_input(in, pid);
		bool ok_input = valid(in, len);
		ssize_t n;
		int fd, err = 0;

		if (unload > 20 * count) {
			printf("rn_fuzz: %lu writes judged, %lu tries during unload\n", done, unload);
			return 1;
		}
		if (read_table(path, before) < 0) {
			unload++;
			usleep(10000);
			continue;
		}
		fd = open(path, O_WRONLY);
		if (fd < 0) {
			unload++;
			continue;
		}
		n = write(fd, in, len);
		if (n < 0)
			err = errno;
		close(fd);
		if (err == ENOENT || err == EIO || err == ENODEV) {
			unload++;
			continue;
		}
		if (read_table(path, after) < 0 || !same_load(before, after)) {
			unload++;
			continue;
		}
		if (!err && (size_t)n != len) {
			dump("short write", in, len, 0);
			return 1;
		}
		if (!ok_input && err != EINVAL && !(faults && err == ENOMEM)) {
			dump("invalid command not refused with EINVAL", in, len, err);
			return 1;
		}
		if (ok_input && err && err != ESRCH && !(faults && err == ENOMEM)) {
			dump("valid command refused", in, len, err);
			return 1;
		}
		if (added_lines(before, after) > (err ? 0 : 1)) {
			dump(err ? "refused write changed the table" :
				   "write added more than one line",
			     in, len, err);
			return 1;
		}
		done++;
		if (!err)
			accepted++;
		else if (err == EINVAL)
			einval++;
		else if (err == ESRCH)
			esrch++;
		else
			enomem++;
	}
	printf("rn_fuzz: %lu writes: %lu accepted, %lu EINVAL, %lu ESRCH, %lu ENOMEM, %lu during unload\n",
	       count, accepted, einval, esrch, enomem, unload);
	return 0;
}
