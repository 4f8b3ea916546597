// SPDX-License-Identifier: GPL-2.0
/* Host tests of data-abort syndrome decoding and load extension. */
#include <asm/dabt.h>
#include "tap.h"

#define ISV	(1ULL << 24)
#define SAS(n)	((unsigned long long)(n) << 22)
#define SSE	(1ULL << 21)
#define SRT(n)	((unsigned long long)(n) << 16)
#define SF	(1ULL << 15)
#define WNR	(1ULL << 6)
#define EC_DABT	(0x24ULL << 26)
#define DFSC_TRANS_L3	0x07

int main(void)
{
	struct mmio_access d;
	/* str w3, [x?] to IPA 0x080a0104 (GICR ISENABLER0 of CPU 0) */
	u64 esr = EC_DABT | (1ULL << 25) | ISV | SAS(2) | SRT(3) | WNR | DFSC_TRANS_L3;

	CHECK(dabt_decode(esr, 0x080a0ULL << 4, 0xffff800008000104ULL, &d));
	CHECK_EQ(d.addr, 0x080a0104);
	CHECK_EQ(d.size, 4);
	CHECK(d.is_write);
	CHECK_EQ(dabt_reg(esr), 3);

	/* ldrsb x5 with SSE, SF: 0x80 -> -128 */
	esr = EC_DABT | ISV | SAS(0) | SSE | SRT(5) | SF | DFSC_TRANS_L3;
	CHECK(dabt_decode(esr, 0x08000ULL << 4, 0x10, &d));
	CHECK_EQ(d.addr, 0x08000010);
	CHECK(!d.is_write);
	CHECK_EQ(dabt_load_value(esr, 0x80), 0xffffffffffffff80ULL);
	/* ldrsh w5: sign extended to 32 bits only */
	esr = EC_DABT | ISV | SAS(1) | SSE | SRT(5) | DFSC_TRANS_L3;
	CHECK(dabt_decode(esr, 0, 0, &d));
	CHECK_EQ(dabt_load_value(esr, 0x8001), 0xffff8001ULL);
	/* ldr x1 (64 bit): raw value; ldr w1 truncates */
	esr = EC_DABT | ISV | SAS(3) | SRT(1) | SF | DFSC_TRANS_L3;
	CHECK(dabt_decode(esr, 0x4010000ULL << 4, 0, &d));
	CHECK_EQ(d.addr, 0x4010000000ULL);
	CHECK_EQ(d.size, 8);
	CHECK_EQ(dabt_load_value(esr, 0x8877665544332211ULL), 0x8877665544332211ULL);
	esr = EC_DABT | ISV | SAS(2) | SRT(1) | DFSC_TRANS_L3;
	CHECK(dabt_decode(esr, 0, 0, &d));
	CHECK_EQ(dabt_load_value(esr, 0x1234567890ULL), 0x34567890ULL);

	/* not emulatable: no ISV, stage-1 walk, external abort, alignment fault */
	CHECK(!dabt_decode(EC_DABT | SAS(2) | DFSC_TRANS_L3, 0, 0, &d));
	CHECK(!dabt_decode(EC_DABT | ISV | (1ULL << 7) | DFSC_TRANS_L3, 0, 0, &d));
	CHECK(!dabt_decode(EC_DABT | ISV | (1ULL << 9) | DFSC_TRANS_L3, 0, 0, &d));
	CHECK(!dabt_decode(EC_DABT | ISV | 0x21, 0, 0, &d));
	/* permission fault level 2 is fine */
	CHECK(dabt_decode(EC_DABT | ISV | SAS(2) | 0x0e, 0, 0, &d));
	return tap_done();
}
