/* SPDX-License-Identifier: GPL-2.0-only */
/* The org.cellvisor.cellmgr1.Manager interface. */
#include "cv-build-config.h"
#include "cv-bus.h"
#include "cv-log.h"
#include "manager.h"

static int property_get_version(sd_bus *bus, const char *path, const char *interface,
				const char *property, sd_bus_message *reply, void *userdata,
				sd_bus_error *error)
{
	(void)bus, (void)path, (void)interface, (void)property, (void)userdata, (void)error;
	return sd_bus_message_append(reply, "s", CV_PACKAGE_VERSION);
}

static const sd_bus_vtable manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", property_get_version, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END
};

int manager_bus_register(struct manager *m)
{
	return sd_bus_add_object_vtable(m->bus, NULL, CV_BUS_PATH, CV_BUS_MANAGER_IFACE,
					manager_vtable, m);
}
