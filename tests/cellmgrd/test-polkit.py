#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""polkit from the daemon's side, with python3-dbusmock's fake polkitd:
unprivileged callers are denied until polkit allows the action, the cell
name reaches polkit as a detail, root never asks, a pending check does not
block other callers, and without polkit everything privileged is denied."""
import time
import unittest

import cvtest
from cvtest import MGR, ERR

DENIED = 'org.freedesktop.DBus.Error.AccessDenied'
MANAGE_CELLS = 'org.cellvisor.cellmgr1.manage-cells'
MANAGE_HV = 'org.cellvisor.cellmgr1.manage-hypervisor'
CONSOLE = 'org.cellvisor.cellmgr1.console'


class PolkitTest(unittest.TestCase):
    def setUp(self):
        self.s = cvtest.FakeSetup(self, polkit=True)

    def test_reading_needs_no_authorization(self):
        self.s.create_started()
        self.assertEqual(self.s.call_as('nobody', 'ListCells')[0], None)
        self.assertEqual(self.s.call_as('nobody', 'GetCell', 'gic-demo')[0], None)
        self.assertEqual(self.s.call_as('nobody', 'GetCellStatistics', 'gic-demo')[0], None)
        r = cvtest.busctl(self.s.bus, 'get-property', cvtest.BUS_NAME, '/org/cellvisor/cellmgr1/cell/gic_2ddemo',
                          cvtest.CELL, 'State', user='nobody')
        self.assertEqual(r.stdout.strip(), 's "running"', r.stderr)
        self.assertNotIn('CheckAuthorization', self.s.polkit_output())

    def test_unprivileged_denied_and_nothing_changes(self):
        err, msg = self.s.call_as('nobody', 'Enable', '')
        self.assertEqual(err, DENIED)
        self.assertIn(MANAGE_HV, msg)
        self.assertFalse(self.s.manager().Get(MGR, 'HypervisorEnabled', dbus_interface='org.freedesktop.DBus.Properties'))
        self.s.create_started()
        for method in ('StartCell', 'ShutdownCell', 'DestroyCell', 'OpenCellConsole'):
            err, msg = self.s.call_as('nobody', method, 'gic-demo')
            self.assertEqual(err, DENIED, method)
            self.assertIn("cell 'gic-demo'", msg)
        self.assertEqual(self.s.call_as('nobody', 'CreateCell', 'uart-demo')[0], DENIED)
        self.assertEqual(self.s.call_as('nobody', 'Disable')[0], DENIED)
        self.assertEqual([(str(c[0]), str(c[2])) for c in self.s.manager().ListCells()], [('gic-demo', 'running')])
        log = self.s.polkit_output()
        self.assertIn(MANAGE_CELLS, log)
        self.assertIn('"cell": "gic-demo", "verb": "start"', log)
        self.assertIn(CONSOLE, log)

    def test_allowed_by_polkit(self):
        self.s.create_started()
        self.s.polkit_allow(MANAGE_CELLS, CONSOLE)
        self.assertEqual(self.s.call_as('nobody', 'ShutdownCell', 'gic-demo'), (None, 'None'))
        self.assertEqual(self.s.call_as('nobody', 'StartCell', 'gic-demo'), (None, 'None'))
        err, _ = self.s.call_as('nobody', 'OpenCellConsole', 'gic-demo')
        self.assertIsNone(err)
        # manage-hypervisor was not granted.
        self.assertEqual(self.s.call_as('nobody', 'Disable')[0], DENIED)
        # A failing operation after polkit said yes still gives its own error.
        self.assertEqual(self.s.call_as('nobody', 'CreateCell', 'gic-demo')[0], ERR + 'CellExists')

    def test_root_is_not_asked(self):
        self.s.create_started()
        self.s.manager().ShutdownCell('gic-demo')
        self.assertNotIn('CheckAuthorization', self.s.polkit_output())

    def test_pending_check_does_not_block_others(self):
        self.s.create_started()
        # The mock decides when asked and answers when released.
        self.s.polkit_allow(MANAGE_CELLS)
        cvtest.busctl(self.s.bus, 'call', 'org.freedesktop.PolicyKit1', '/org/freedesktop/PolicyKit1/Authority',
                      'org.freedesktop.DBus.Mock', 'SimulateHang', 'b', 'true')
        import subprocess
        hung = subprocess.Popen(['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups',
                                 'busctl', '--address=' + self.s.bus.address, 'call', cvtest.BUS_NAME, cvtest.PATH,
                                 MGR, 'ShutdownCell', 's', 'gic-demo'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(hung.kill)
        cvtest.wait_for(lambda: 'CheckAuthorization' in self.s.polkit_output(), what='the polkit query')
        start = time.monotonic()
        self.assertEqual(self.s.call_as('nobody', 'ListCells')[0], None)
        self.assertLess(time.monotonic() - start, 5)
        self.assertIsNone(hung.poll())   # still waiting for polkit
        cvtest.busctl(self.s.bus, 'call', 'org.freedesktop.PolicyKit1', '/org/freedesktop/PolicyKit1/Authority',
                      'org.freedesktop.DBus.Mock', 'ReleaseHangingCalls')
        out, err = hung.communicate(timeout=10)
        self.assertEqual(hung.returncode, 0, err)

    def test_no_polkit_means_denied(self):
        self.s.create_started()
        self.s._stop_polkit()
        err, msg = self.s.call_as('nobody', 'StartCell', 'gic-demo')
        self.assertEqual(err, DENIED)
        self.assertIn('polkit is not running', msg)


if __name__ == '__main__':
    cvtest.main()
