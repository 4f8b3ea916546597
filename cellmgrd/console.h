/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console broker of one cell (or of the hypervisor): reads the driver's
 * console fd, keeps a scroll-back buffer, fans the bytes out to every client
 * socket and to a pty (linked at RUNTIME_DIR/console/NAME), each at its own
 * pace, sends each line to the journal with CELL=NAME, and feeds what
 * clients type to the cell as fast as it takes it.
 */
#ifndef CELLMGRD_CONSOLE_H
#define CELLMGRD_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-event.h>

struct console;

/* Takes ownership of fd. */
int console_new(sd_event *e, const char *name, int fd, const char *runtime_dir, struct console **ret);
void console_free(struct console *c);
/*
 * A new client: returns its end of a socket pair. It gets the last @lines
 * whole lines of the scroll-back (UINT64_MAX: all it holds); then, with
 * @follow, everything that comes after and what it writes goes to the
 * cell; without, the socket ends after those lines.
 */
int console_attach(struct console *c, uint64_t lines, bool follow);
unsigned int console_n_clients(const struct console *c);

#endif /* CELLMGRD_CONSOLE_H */
