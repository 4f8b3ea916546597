#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Delegation that holds, from the daemon's side (fake driver, dbusmock's
polkitd): CreateCell takes cell names only, /etc over the shipped configs,
a named config must name its cell, polkit sees the config's path and digest
and what is created is what it approved; a config from a file needs
manage-hypervisor; images come as file descriptors, only regular files,
no larger than the cell can load; FIFOs and huge files are refused at once
while the daemon keeps answering."""
import hashlib
import os
import subprocess
import threading
import time
import unittest

import dbus

import cvtest
from cvtest import MGR, CELL, ERR, fd

DENIED = 'org.freedesktop.DBus.Error.AccessDenied'
INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'
MANAGE_CELLS = 'org.cellvisor.cellmgr1.manage-cells'
MANAGE_HV = 'org.cellvisor.cellmgr1.manage-hypervisor'
CONSOLE = 'org.cellvisor.cellmgr1.console'
PROPS = 'org.freedesktop.DBus.Properties'

# Another config under a granted name: two CPUs and the start of root RAM.
GREEDY = ('kind: cell\nname: gic-demo\ncpus: 2-3\nmemory:\n'
          '  - { phys: 0x7fa00000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n')


class DelegationTest(unittest.TestCase):
    def setUp(self):
        self.s = cvtest.FakeSetup(self, polkit=True)
        self.conn = self.s.connect()
        self.m = self.s.manager(self.conn)
        self.m.Enable('')
        self.gic_demo = os.path.join(self.s.etc, 'cells', 'gic-demo.yaml')
        # Files of nobody's own, where nobody can write (the test's directory is root's).
        self.tmp = os.path.join(self.s.dir, 'nobody')
        os.mkdir(self.tmp)
        os.chown(self.tmp, 65534, 65534)

    def nobody_file(self, name, data=b'', size=None):
        path = os.path.join(self.tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
            if size is not None:
                f.truncate(size)
        os.chown(path, 65534, 65534)
        return path

    def fifo(self):
        path = os.path.join(self.tmp, 'fifo')
        os.mkfifo(path)
        os.chown(path, 65534, 65534)
        return path

    def prop(self, path, name):
        return self.conn.get_object(cvtest.BUS_NAME, path).Get(CELL, name, dbus_interface=PROPS)

    def cells(self):
        return [str(c[0]) for c in self.m.ListCells()]

    def assertCall(self, want, got, contains=None):
        self.assertEqual(got[0], want, got[1])
        if contains:
            self.assertIn(contains, got[1])

    def test_create_cell_takes_names_only(self):
        for arg in ('/etc/passwd', '../cells/gic-demo', self.gic_demo, ''):
            self.assertCall(INVALID_ARGS, self.s.call_as('nobody', 'CreateCell', arg),
                            contains='CreateCellFromFile')
        self.assertCall(INVALID_ARGS, self.s.call_as('nobody', 'CreateCell', 'hypervisor'),
                        contains="The cell name 'hypervisor' is reserved")
        self.assertEqual(self.cells(), [])
        # Refused before polkit was asked, and before any file was looked at.
        self.assertNotIn('CheckAuthorization', self.s.polkit_output())

    def test_etc_overrides_the_shipped_config(self):
        with open(self.gic_demo) as f:
            shipped = f.read().replace('cpus: 3', 'cpus: 2')
        with open(os.path.join(self.s.share, 'cells', 'gic-demo.yaml'), 'w') as f:
            f.write(shipped)
        path = self.m.CreateCell('gic-demo')
        self.assertEqual(list(self.prop(path, 'CPUs')), [3])
        self.assertEqual(self.prop(path, 'ConfigFile'), self.gic_demo)
        self.m.DestroyCell('gic-demo')
        os.unlink(self.gic_demo)
        path = self.m.CreateCell('gic-demo')
        self.assertEqual(list(self.prop(path, 'CPUs')), [2])
        self.assertEqual(self.prop(path, 'ConfigFile'), os.path.join(self.s.share, 'cells', 'gic-demo.yaml'))

    def test_named_config_must_name_its_cell(self):
        with open(os.path.join(self.s.etc, 'cells', 'other.yaml'), 'w') as f:
            f.write(GREEDY)
        with self.assertRaises(dbus.DBusException) as cm:
            self.m.CreateCell('other')
        self.assertEqual(cm.exception.get_dbus_name(), ERR + 'InvalidConfig')
        self.assertIn("other.yaml:2:7: error: the config of cell 'other' names the cell 'gic-demo'",
                      cm.exception.get_dbus_message())
        self.assertEqual(self.cells(), [])

    def test_polkit_sees_the_name_and_digest(self):
        self.s.polkit_allow(MANAGE_CELLS)
        self.assertCall(None, self.s.call_as('nobody', 'CreateCell', 'gic-demo'))
        with open(self.gic_demo, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        log = self.s.polkit_output()
        self.assertIn('"cell": "gic-demo", "verb": "create", "config": "%s", "config_sha256": "%s"'
                      % (self.gic_demo, digest), log)

    def test_config_changed_during_authorization_is_not_seen(self):
        """The file is read once: a change while polkit decides does not reach the cell."""
        self.s.polkit_allow(MANAGE_CELLS)
        cvtest.busctl(self.s.bus, 'call', 'org.freedesktop.PolicyKit1', '/org/freedesktop/PolicyKit1/Authority',
                      'org.freedesktop.DBus.Mock', 'SimulateHang', 'b', 'true')
        hung = subprocess.Popen(['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups',
                                 'busctl', '--address=' + self.s.bus.address, 'call', cvtest.BUS_NAME, cvtest.PATH,
                                 MGR, 'CreateCell', 's', 'gic-demo'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(hung.kill)
        cvtest.wait_for(lambda: 'CheckAuthorization' in self.s.polkit_output(), what='the polkit query')
        with open(self.gic_demo) as f:
            text = f.read()
        with open(self.gic_demo, 'w') as f:
            f.write(text.replace('cpus: 3', 'cpus: 2'))
        cvtest.busctl(self.s.bus, 'call', 'org.freedesktop.PolicyKit1', '/org/freedesktop/PolicyKit1/Authority',
                      'org.freedesktop.DBus.Mock', 'ReleaseHangingCalls')
        out, err = hung.communicate(timeout=10)
        self.assertEqual(hung.returncode, 0, err)
        self.assertEqual(list(self.prop(self.m.GetCell('gic-demo'), 'CPUs')), [3])

    def test_config_from_a_file_needs_manage_hypervisor(self):
        self.s.polkit_allow(MANAGE_CELLS, CONSOLE)
        greedy = self.nobody_file('greedy.yaml', GREEDY.encode())
        self.assertCall(DENIED, self.s.call_as('nobody', 'CreateCellFromFile', fd(greedy)), contains=MANAGE_HV)
        self.assertEqual(self.cells(), [])
        # What the allowed cell is: the administrator's config, CPU 3 only.
        self.assertCall(None, self.s.call_as('nobody', 'CreateCell', 'gic-demo'))
        self.assertEqual(list(self.prop(self.m.GetCell('gic-demo'), 'CPUs')), [3])
        self.m.DestroyCell('gic-demo')
        self.s.polkit_allow(MANAGE_CELLS, MANAGE_HV)
        self.assertCall(None, self.s.call_as('nobody', 'CreateCellFromFile', fd(greedy)))
        path = self.m.GetCell('gic-demo')
        self.assertEqual(list(self.prop(path, 'CPUs')), [2, 3])
        self.assertEqual(self.prop(path, 'ConfigFile'), greedy)

    def test_images_of_a_file_config_are_not_opened_by_the_daemon(self):
        with open(self.gic_demo) as f:
            text = f.read()
        mine = self.nobody_file('mine.yaml', text.encode())
        with open(mine) as f:
            self.m.CreateCellFromFile(dbus.types.UnixFd(f))
        with self.assertRaises(dbus.DBusException) as cm:
            self.m.LoadCell('gic-demo', dbus.Array([], signature='(ht)'))
        self.assertEqual(cm.exception.get_dbus_name(), ERR + 'NoSuchConfig')
        self.assertIn('cellmgrd does not open the images such a file names', cm.exception.get_dbus_message())
        with open(os.path.join(self.s.images, 'gic-demo.bin'), 'rb') as f:
            self.m.LoadCell('gic-demo', [(dbus.types.UnixFd(f), dbus.UInt64(0))])
        self.m.StartCell('gic-demo')

    def test_images_come_as_descriptors(self):
        self.s.polkit_allow(MANAGE_CELLS)
        self.assertCall(None, self.s.call_as('nobody', 'CreateCell', 'gic-demo'))
        image = self.nobody_file('image.bin', b'\x1f\x20\x03\xd5' * 16)
        os.chmod(image, 0o600)
        self.assertCall(None, self.s.call_as('nobody', 'LoadCell', 'gic-demo', [[fd(image), 0]]))
        self.assertCall(None, self.s.call_as('nobody', 'LoadCell', 'gic-demo', []))
        # A path is no longer an image: the old signature is refused as such.
        r = cvtest.busctl(self.s.bus, 'call', cvtest.BUS_NAME, cvtest.PATH, MGR, 'LoadCell', 'sa(st)',
                          'gic-demo', '1', '/etc/shadow', '0', user='nobody')
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("Invalid arguments 'sa(st)'", r.stderr)
        # And a file nobody cannot read, nobody cannot pass.
        secret = os.path.join(self.s.dir, 'secret')
        with open(secret, 'w') as f:
            f.write('secret')
        os.chmod(secret, 0o600)
        self.assertCall('OSError', self.s.call_as('nobody', 'LoadCell', 'gic-demo', [[fd(secret), 0]]),
                        contains='Permission denied')

    def test_fifos_and_huge_files_are_refused_at_once(self):
        self.s.polkit_allow(MANAGE_CELLS, MANAGE_HV)
        self.m.CreateCell('gic-demo')
        fifo = self.fifo()
        huge = self.nobody_file('huge', size=3 << 30)   # sparse: 3 GiB that take no room
        bigger = self.nobody_file('bigger.bin', size=64 * 1024 + 1)
        cases = [
            ('CreateCellFromFile', (fd(fifo),), ERR + 'InvalidConfig', 'not a regular file'),
            ('CreateCellFromFile', (fd(huge),), ERR + 'InvalidConfig', 'too large (a config has at most 256 KiB)'),
            ('LoadCell', ('gic-demo', [[fd(fifo), 0]]), ERR + 'InvalidImage', 'not a regular file'),
            ('LoadCell', ('gic-demo', [[fd(huge), 0]]), ERR + 'InvalidImage',
             'the file (3221225472 bytes) is larger than the memory the cell can load (65536 bytes'),
            ('LoadCell', ('gic-demo', [[fd(bigger), 0]]), ERR + 'InvalidImage', '(65537 bytes) is larger'),
        ]
        for method, args, err, msg in cases:
            slowest = []

            def list_meanwhile():
                t0 = time.monotonic()
                self.s.manager().ListCells()
                slowest.append(time.monotonic() - t0)
            t = threading.Thread(target=list_meanwhile)
            t0 = time.monotonic()
            t.start()
            self.assertCall(err, self.s.call_as('nobody', method, *args), contains=msg)
            took = time.monotonic() - t0
            t.join()
            self.assertLess(took, 5, method)
            self.assertLess(slowest[0], 5, 'ListCells while %s' % method)
        self.assertEqual(self.cells(), ['gic-demo'])

    def test_elf_image_reads_its_segments_only(self):
        """An ELF file larger than the cell (symbols) loads if its segments fit; its body is not read."""
        import struct
        ehdr = struct.pack('<16sHHIQQQIHHHHHH', b'\x7fELF\x02\x01\x01' + b'\0' * 9, 2, 183, 1, 0, 64, 0, 0,
                           64, 56, 1, 0, 0, 0)
        phdr = struct.pack('<IIQQQQQQ', 1, 5, 0x1000, 0, 0, 0x100, 0x2000, 0x1000)
        elf = self.nobody_file('big.elf', ehdr + phdr + b'\0' * (0x1000 - 120) + b'\x1f' * 0x100, size=1 << 20)
        self.s.polkit_allow(MANAGE_CELLS)
        self.m.CreateCell('gic-demo')
        self.assertCall(None, self.s.call_as('nobody', 'LoadCell', 'gic-demo', [[fd(elf), 0]]))
        phdr = struct.pack('<IIQQQQQQ', 1, 5, 0x1000, 0, 0, 0x100, 0x20000, 0x1000)
        elf = self.nobody_file('bss.elf', ehdr + phdr + b'\0' * (0x1000 - 120) + b'\x1f' * 0x100)
        self.assertCall(ERR + 'InvalidImage', self.s.call_as('nobody', 'LoadCell', 'gic-demo', [[fd(elf), 0]]),
                        contains='an ELF segment (131072 bytes) is larger than the memory the cell can load')

    def test_enable_from_file_survives_a_restart(self):
        """The system config is kept: after a restart cells are still checked against it."""
        self.m.Disable()
        copy = os.path.join(self.s.dir, 'my-system.yaml')
        with open(os.path.join(self.s.etc, 'system.yaml')) as f, open(copy, 'w') as g:
            g.write(f.read())
        with open(copy) as f:
            self.m.EnableFromFile(dbus.types.UnixFd(f))
        self.assertEqual(self.s.manager().Get(MGR, 'SystemConfig', dbus_interface=PROPS), copy)
        os.unlink(copy)
        self.s.daemon.stop()
        self.s.start()
        m = self.s.manager()
        self.assertEqual(m.Get(MGR, 'SystemConfig', dbus_interface=PROPS), copy)
        with open(os.path.join(self.s.etc, 'cells', 'five.yaml'), 'w') as f:
            f.write('kind: cell\nname: five\ncpus: 5\nmemory:\n'
                    '  - { phys: 0x7fa00000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n')
        with self.assertRaises(dbus.DBusException) as cm:
            m.CreateCell('five')
        self.assertIn('five.yaml:3:7: error: CPUs 5 do not exist', cm.exception.get_dbus_message())
        self.assertCall(DENIED, self.s.call_as('nobody', 'EnableFromFile', fd(os.path.join(self.s.etc, 'system.yaml'))),
                        contains=MANAGE_HV)

    def test_documented_rule_is_the_shipped_example(self):
        with open(os.path.join(cvtest.SRCROOT, 'polkit', '50-cellvisor-delegate.rules.example')) as f:
            rule = ''.join(l for l in f if not l.startswith('//'))
        with open(os.path.join(cvtest.SRCROOT, 'docs', 'dbus-api.md')) as f:
            doc = f.read()
        self.assertIn(' '.join(rule.split()), ' '.join(doc.split()))


if __name__ == '__main__':
    cvtest.main()
