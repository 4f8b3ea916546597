/* SPDX-License-Identifier: GPL-2.0-only */
/* Names of cellmgrd's D-Bus API, shared by the daemon, cellctl and the tests. */
#ifndef CV_BUS_H
#define CV_BUS_H

#define CV_BUS_NAME		"org.cellvisor.cellmgr1"
#define CV_BUS_PATH		"/org/cellvisor/cellmgr1"
#define CV_BUS_MANAGER_IFACE	"org.cellvisor.cellmgr1.Manager"
#define CV_BUS_CELL_IFACE	"org.cellvisor.cellmgr1.Cell"
#define CV_BUS_CELL_PREFIX	"/org/cellvisor/cellmgr1/cell"

#define CV_BUS_ERROR(x)		"org.cellvisor.cellmgr1.Error." x
#define CV_ERROR_NO_SUCH_CELL		CV_BUS_ERROR("NoSuchCell")
#define CV_ERROR_CELL_EXISTS		CV_BUS_ERROR("CellExists")
#define CV_ERROR_INVALID_CONFIG		CV_BUS_ERROR("InvalidConfig")
#define CV_ERROR_NO_SUCH_CONFIG		CV_BUS_ERROR("NoSuchConfig")
#define CV_ERROR_INVALID_IMAGE		CV_BUS_ERROR("InvalidImage")
#define CV_ERROR_HV_NOT_ENABLED		CV_BUS_ERROR("HypervisorNotEnabled")
#define CV_ERROR_HV_ENABLED		CV_BUS_ERROR("HypervisorEnabled")
#define CV_ERROR_HV_UNAVAILABLE		CV_BUS_ERROR("HypervisorUnavailable")
#define CV_ERROR_NOT_SUPPORTED		CV_BUS_ERROR("NotSupported")
#define CV_ERROR_CELL_BUSY		CV_BUS_ERROR("CellBusy")
#define CV_ERROR_BAD_STATE		CV_BUS_ERROR("BadCellState")
#define CV_ERROR_REFUSED		CV_BUS_ERROR("Refused")

#define CV_POLKIT_MANAGE_HV	"org.cellvisor.cellmgr1.manage-hypervisor"
#define CV_POLKIT_MANAGE_CELLS	"org.cellvisor.cellmgr1.manage-cells"
#define CV_POLKIT_CONSOLE	"org.cellvisor.cellmgr1.console"

#endif /* CV_BUS_H */
