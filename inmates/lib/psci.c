// SPDX-License-Identifier: GPL-2.0-only
/* PSCI return codes as their names, for programs that print them. */
#include "inmate.h"

const char *psci_ret_name(long ret)
{
	switch (ret) {
	case PSCI_SUCCESS:		return "SUCCESS";
	case PSCI_NOT_SUPPORTED:	return "NOT_SUPPORTED";
	case PSCI_INVALID_PARAMS:	return "INVALID_PARAMETERS";
	case PSCI_DENIED:		return "DENIED";
	case PSCI_ALREADY_ON:		return "ALREADY_ON";
	case PSCI_ON_PENDING:		return "ON_PENDING";
	case PSCI_INVALID_ADDRESS:	return "INVALID_ADDRESS";
	default:			return "other";
	}
}
