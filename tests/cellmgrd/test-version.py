#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The skeleton path: cellmgrd owns its name on a bus with the shipped policy,
and cellctl --version reports both versions (or fails clearly without it)."""
import unittest

import cvtest


class VersionTest(unittest.TestCase):
    def setUp(self):
        cvtest.skip_unless_root()
        self.bus = cvtest.Bus()
        self.addCleanup(self.bus.stop)

    def test_unreachable(self):
        r = cvtest.cellctl(self.bus, '--version')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, 'cellctl 0.1.0\n')
        self.assertIn('cellmgrd is not reachable', r.stderr)

    def test_version(self):
        d = cvtest.Daemon(self.bus)
        self.addCleanup(d.stop)
        r = cvtest.cellctl(self.bus, '--version')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, 'cellctl 0.1.0\ncellmgrd 0.1.0\n')
        # The shipped policy lets anyone read from the daemon.
        r = cvtest.cellctl(self.bus, '--version', user='nobody')
        self.assertEqual(r.stdout, 'cellctl 0.1.0\ncellmgrd 0.1.0\n', r.stderr)
        r = cvtest.busctl(self.bus, 'get-property', cvtest.BUS_NAME, cvtest.PATH, cvtest.MGR, 'Version')
        self.assertEqual(r.stdout.strip(), 's "0.1.0"')

    def test_sigterm_exits_cleanly(self):
        d = cvtest.Daemon(self.bus)
        self.assertEqual(d.stop(), 0, d.output())


if __name__ == '__main__':
    cvtest.main()
