/* SPDX-License-Identifier: GPL-2.0-only */
/* SHA-256 (FIPS 180-4): the digest of a config that polkit rules may pin. */
#ifndef CV_SHA256_H
#define CV_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CV_SHA256_SIZE 32
#define CV_SHA256_HEX_SIZE (2 * CV_SHA256_SIZE + 1)

void cv_sha256(const void *data, size_t len, uint8_t out[CV_SHA256_SIZE]);
/* The digest as 64 lower-case hex digits and a NUL; returns hex. */
char *cv_sha256_hex(const void *data, size_t len, char hex[CV_SHA256_HEX_SIZE]);

#endif /* CV_SHA256_H */
