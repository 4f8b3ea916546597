#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Links on the bus with the fake driver: Manager.Links and Cell.Links from
the configs' links, PropertiesChanged when a peer's state changes, comes or
goes, and what cellctl shows (status, list --links)."""
import json
import os
import threading
import time
import unittest

import dbus
import dbus.mainloop.glib
from gi.repository import GLib

import cvtest
from cvtest import MGR, CELL

PROPS = 'org.freedesktop.DBus.Properties'
DEMO = '/org/cellvisor/cellmgr1/cell/ivshmem_2ddemo'


def plain(v):
    """dbus values as plain tuples, lists, ints and strings."""
    if isinstance(v, dbus.Dictionary):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, dbus.Boolean):
        return bool(v)
    if isinstance(v, (dbus.Array, list)):
        return [plain(x) for x in v]
    if isinstance(v, (dbus.Struct, tuple)):
        return tuple(plain(x) for x in v)
    if isinstance(v, dbus.String):
        return str(v)
    return int(v)


class LinksTest(unittest.TestCase):
    def setUp(self):
        self.s = cvtest.FakeSetup(self, start=False)
        for cell in ('ivshmem-demo', 'ivshmem-peer'):
            with open(os.path.join(cvtest.QEMU_CONFIGS, cell + '.yaml')) as f:
                text = f.read().replace('/usr/share/cellvisor/inmates', self.s.images)
            with open(os.path.join(self.s.etc, 'cells', cell + '.yaml'), 'w') as f:
                f.write(text)
        with open(os.path.join(self.s.images, 'ivshmem-demo.bin'), 'wb') as f:
            f.write(b'\x00' * 512)
        self.s.start()
        self.conn = self.s.connect()
        self.m = self.s.manager(self.conn)

    def prop(self, path, iface, name):
        return plain(self.conn.get_object(cvtest.BUS_NAME, path).Get(iface, name, dbus_interface=PROPS))

    def test_links_properties(self):
        self.assertEqual(self.prop(cvtest.PATH, MGR, 'Links'), [])
        self.m.Enable('')
        self.assertEqual(self.prop(cvtest.PATH, MGR, 'Links'),
                         [('ivshmem-demo', 0x7faf0000, 0x10000, [(0, 'root', 0), (1, '', 0), (2, '', 0)])])
        self.m.CreateCell('ivshmem-demo')
        self.m.CreateCell('gic-demo')
        self.assertEqual(self.prop(DEMO, CELL, 'Links'),
                         [('ivshmem-demo', 1, [(0, 'root', 0), (1, 'ivshmem-demo', 0), (2, '', 0)])])
        self.assertEqual(self.prop('/org/cellvisor/cellmgr1/cell/gic_2ddemo', CELL, 'Links'), [])
        self.s.fake('state ivshmem-demo ivshmem-demo 2')
        cvtest.wait_for(lambda: self.prop(DEMO, CELL, 'Links')[0][2][1] == (1, 'ivshmem-demo', 2),
                        what='the state to change')
        self.m.DestroyCell('ivshmem-demo')
        self.assertEqual(self.prop(cvtest.PATH, MGR, 'Links')[0][3], [(0, 'root', 0), (1, '', 0), (2, '', 0)])

    def test_properties_changed(self):
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        conn = dbus.bus.BusConnection(self.s.bus.address, mainloop=dbus.mainloop.glib.DBusGMainLoop())
        seen = []
        conn.add_signal_receiver(lambda iface, changed, inval, path=None: seen.append((str(path), plain(changed))),
                                 signal_name='PropertiesChanged', dbus_interface=PROPS, path_keyword='path')
        loop = GLib.MainLoop()

        def steps():
            m = self.s.manager()
            m.Enable('')
            m.CreateCell('ivshmem-demo')
            m.CreateCell('ivshmem-peer')
            time.sleep(0.2)
            self.s.fake('state ivshmem-peer ivshmem-demo 3')
            time.sleep(0.5)
            GLib.idle_add(loop.quit)
        t = threading.Thread(target=steps)
        t.start()
        GLib.timeout_add(10000, loop.quit)
        loop.run()
        t.join()
        peers = [(0, 'root', 0), (1, 'ivshmem-demo', 0), (2, 'ivshmem-peer', 3)]
        self.assertIn((DEMO, {'Links': [('ivshmem-demo', 1, peers)]}), seen)
        self.assertIn(('/org/cellvisor/cellmgr1/cell/ivshmem_2dpeer', {'Links': [('ivshmem-demo', 2, peers)]}), seen)
        self.assertIn((cvtest.PATH, {'Links': [('ivshmem-demo', 0x7faf0000, 0x10000, peers)]}), seen)

    def test_cellctl(self):
        self.s.create_started('ivshmem-demo')
        self.s.fake('state root ivshmem-demo 1')
        cvtest.wait_for(lambda: self.prop(DEMO, CELL, 'Links')[0][2][0] == (0, 'root', 1), what='the root\'s state')
        r = cvtest.cellctl(self.s.bus, 'status', 'ivshmem-demo')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('    Links: ivshmem-demo, peer 1: 0 root=1, 1 ivshmem-demo=0, 2 -=0\n', r.stdout)
        r = cvtest.cellctl(self.s.bus, '--json', 'status', 'ivshmem-demo')
        self.assertEqual(json.loads(r.stdout)['links'],
                         [{'name': 'ivshmem-demo', 'peer': 1,
                           'peers': [{'peer': 0, 'member': 'root', 'state': 1},
                                     {'peer': 1, 'member': 'ivshmem-demo', 'state': 0},
                                     {'peer': 2, 'member': '', 'state': 0}]}])
        r = cvtest.cellctl(self.s.bus, 'list', '--links')
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(), ['LINK', 'MEMORY', 'PEER', 'MEMBER', 'STATE'])
        self.assertEqual(lines[1].split(), ['ivshmem-demo', '0x7faf0000', '+64K', '0', 'root', '1'])
        self.assertEqual(lines[2].split(), ['ivshmem-demo', '0x7faf0000', '+64K', '1', 'ivshmem-demo', '0'])
        self.assertEqual(lines[3].split(), ['ivshmem-demo', '0x7faf0000', '+64K', '2', '-', '0'])
        self.assertIn('3 peers listed.', r.stdout)
        r = cvtest.cellctl(self.s.bus, '--json', 'list', '--links')
        self.assertEqual(json.loads(r.stdout)[1],
                         {'link': 'ivshmem-demo', 'memory': '0x7faf0000 +64K', 'peer': 1,
                          'member': 'ivshmem-demo', 'state': 0})


if __name__ == '__main__':
    cvtest.main()
