/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading untrusted files and digesting them, as TAP:
 * cv_read_regular_file() takes regular files up to its limit and refuses
 * FIFOs (without blocking), directories, devices and oversized (sparse)
 * files; cv_sha256() gives the FIPS 180-4 example digests.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>

#include "tap.h"
#include "cv-file.h"
#include "cv-sha256.h"
#include "cv-util.h"

static void test_sha256(void)
{
	static const char *const vectors[][2] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[CV_SHA256_HEX_SIZE], what[160];
	char *million = malloc(1000000);

	for (size_t i = 0; i < ELEMENTSOF(vectors); i++) {
		snprintf(what, sizeof(what), "SHA-256 of \"%.12s\"%s (%zu bytes)", vectors[i][0],
			 strlen(vectors[i][0]) > 12 ? "..." : "", strlen(vectors[i][0]));
		tap_ok(streq(cv_sha256_hex(vectors[i][0], strlen(vectors[i][0]), hex), vectors[i][1]), "%s", what);
	}
	if (!million)
		abort();
	memset(million, 'a', 1000000);
	tap_ok(streq(cv_sha256_hex(million, 1000000, hex),
		 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	   "SHA-256 of a million 'a' (many blocks)");
	/* 55 and 56 bytes: the length still fits the last block, and just not */
	memset(million, 'a', 56);
	tap_ok(streq(cv_sha256_hex(million, 55, hex),
		 "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"), "SHA-256 of 55 bytes");
	tap_ok(streq(cv_sha256_hex(million, 56, hex),
		 "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"), "SHA-256 of 56 bytes");
	free(million);
}

static void test_read(void)
{
	char dir[] = "/tmp/cv-test-file.XXXXXX", fifo[64], reg[64], sparse[64];
	_cleanup_free_ char *text = NULL;
	char *data = NULL;
	size_t size = 0;
	int fd;

	if (!mkdtemp(dir))
		abort();
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(reg, sizeof(reg), "%s/reg", dir);
	snprintf(sparse, sizeof(sparse), "%s/sparse", dir);
	if (mkfifo(fifo, 0600) < 0)
		abort();
	fd = open(reg, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, "kind: cell\n", 11) != 11 || close(fd) < 0)
		abort();
	fd = open(sparse, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, 3LL << 30) < 0 || close(fd) < 0)
		abort();

	tap_ok(cv_read_regular_file(reg, 64, &text, &size) == 0 && size == 11 && streq(text, "kind: cell\n"),
	   "a regular file is read whole, NUL-terminated");
	tap_ok(cv_read_regular_file(reg, 10, &data, &size) == -EFBIG && !data, "one byte over the limit: -EFBIG, nothing read");
	tap_ok(cv_read_regular_file(fifo, 64, &data, &size) == -EINVAL,
	   "a FIFO with no writer: -EINVAL at once (neither the open nor a read blocks)");
	tap_ok(cv_read_regular_file(dir, 64, &data, &size) == -EINVAL, "a directory: -EINVAL");
	tap_ok(cv_read_regular_file("/dev/zero", 64, &data, &size) == -EINVAL, "a device (/dev/zero, endless): -EINVAL");
	tap_ok(cv_read_regular_file(sparse, CV_CONFIG_FILE_MAX, &data, &size) == -EFBIG,
	   "a 3 GiB sparse file: -EFBIG from its size, without reading it");
	tap_ok(cv_read_regular_file("/nonexistent", 64, &data, &size) == -ENOENT, "a missing file: -ENOENT");
	tap_ok(strstr(cv_read_strerror(-EINVAL), "not a regular file") != NULL, "-EINVAL reads 'not a regular file'");
	unlink(fifo);
	unlink(reg);
	unlink(sparse);
	rmdir(dir);
}

int main(void)
{
	test_sha256();
	test_read();
	return tap_done();
}
