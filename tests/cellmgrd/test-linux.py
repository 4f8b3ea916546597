#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Linux cells through cellmgrd (fake driver): LoadLinux with descriptors,
the linux: section and the generated device tree of a config, what the
daemon refuses (and that it loads nothing then), polkit, a cell that powers
off or resets itself, and cellctl linux / cellctl dtb."""
import os
import re
import struct
import subprocess
import time
import unittest

import dbus

import cvtest
from cvtest import MGR, CELL, ERR

PROPS = 'org.freedesktop.DBus.Properties'
INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs'
DENIED = 'org.freedesktop.DBus.Error.AccessDenied'
CELLCTL = os.path.join(cvtest.BUILDROOT, 'cellctl', 'cellctl')


def arm64_image(image_size=4 << 20, text_offset=0, flags=0xa, magic=b'ARM\x64'):
    """The 64-byte header of an arm64 Image and a little code."""
    head = struct.pack('<IIQQQQQQ', 0x91005a4d, 0x14000000, text_offset, image_size, flags, 0, 0, 0)
    return head + magic + b'\0' * 4 + b'\xa5' * 4032


def linux_setup(test, polkit=False):
    """FakeSetup with the shipped linux-demo and u-boot configs, their files made up; returns (setup, files)."""
    s = cvtest.FakeSetup(test, polkit=polkit, start=False)
    files = {}
    for name, data in (('Image', arm64_image()), ('initrd.img', b'\x07' * 65536),
                       ('u-boot.bin', b'\x14' * 4096), ('script.sh', b'#!/bin/sh\necho hi\n')):
        files[name] = os.path.join(s.images, name)
        with open(files[name], 'wb') as f:
            f.write(data)
    for cell, subst in (('linux-demo', {'/vmlinuz': files['Image'],
                                        '/var/lib/cellvisor/linux-demo/initrd.img': files['initrd.img']}),
                        ('u-boot', {'/usr/lib/u-boot/qemu_arm64/u-boot.bin': files['u-boot.bin']})):
        with open(os.path.join(cvtest.QEMU_CONFIGS, cell + '.yaml')) as f:
            text = f.read()
        for old, new in subst.items():
            text = text.replace(old, new)
        with open(os.path.join(s.etc, 'cells', cell + '.yaml'), 'w') as f:
            f.write(text)
    s.start()
    s.manager().Enable('')
    return s, files


class LinuxTest(unittest.TestCase):
    def setUp(self):
        self.s, self.files = linux_setup(self)
        self.conn = self.s.connect()
        self.m = self.s.manager(self.conn)

    def prop(self, path, name):
        return self.conn.get_object(cvtest.BUS_NAME, path).Get(CELL, name, dbus_interface=PROPS)

    def fd(self, name_or_path):
        f = open(self.files.get(name_or_path, name_or_path), 'rb')
        self.addCleanup(f.close)
        return dbus.types.UnixFd(f)

    def assertError(self, name, fn, *args, contains=None):
        with self.assertRaises(dbus.DBusException) as cm:
            fn(*args)
        self.assertEqual(cm.exception.get_dbus_name(), name, cm.exception.get_dbus_message())
        if contains:
            self.assertIn(contains, cm.exception.get_dbus_message())

    def loaded_lines(self):
        return [line for line in self.s.daemon.output().splitlines() if 'Linux loaded' in line]

    def test_load_linux_with_descriptors(self):
        self.m.CreateCell('linux-demo')
        self.m.LoadCellLinux('linux-demo', self.fd('Image'),
                             {'initrd': self.fd('initrd.img'), 'cmdline': 'console=ttyAMA0 quiet'})
        cvtest.wait_for(lambda: self.loaded_lines(), what='the layout in the log')
        line = self.loaded_lines()[-1]
        self.assertIn('loader at 0x80000000 (40 bytes)', line)
        self.assertIn('kernel at 0x80200000 (4096 bytes)', line)
        self.assertIn('initrd at 0x80600000 (65536 bytes)', line)
        self.assertRegex(line, r'device tree at 0x80610000 \(\d+ bytes\)')
        self.m.StartCell('linux-demo')
        self.assertEqual(self.prop(self.m.GetCell('linux-demo'), 'State'), 'running')

    def test_linux_section_and_generated_tree(self):
        self.m.CreateCell('linux-demo')
        self.m.LoadCell('linux-demo', [])    # the config's linux: section
        cvtest.wait_for(lambda: self.loaded_lines(), what='the layout in the log')
        self.assertIn('initrd at 0x80600000 (65536 bytes)', self.loaded_lines()[-1])
        self.m.CreateCell('u-boot')
        self.m.LoadCell('u-boot', [])        # u-boot.bin and a generated device tree
        self.m.StartCell('u-boot')
        self.assertEqual(self.prop(self.m.GetCell('u-boot'), 'State'), 'running')

    def test_refusals_load_nothing(self):
        self.m.CreateCell('linux-demo')
        sparse = os.path.join(self.s.images, 'sparse')
        with open(sparse, 'wb') as f:
            f.truncate(300 << 20)
        big_initrd = os.path.join(self.s.images, 'big-initrd')
        with open(big_initrd, 'wb') as f:
            f.truncate(130 << 20)
        r, w = os.pipe()
        self.addCleanup(os.close, r)
        self.addCleanup(os.close, w)
        dirfd = os.open(self.s.images, os.O_RDONLY | os.O_DIRECTORY)
        self.addCleanup(os.close, dirfd)
        bad = [
            ((self.fd('script.sh'), {}), ERR + 'InvalidImage', 'not an arm64 Linux Image'),
            ((dbus.types.UnixFd(dirfd), {}), ERR + 'InvalidImage', 'not a regular file'),
            ((dbus.types.UnixFd(r), {}), ERR + 'InvalidImage', 'not a regular file'),
            ((self.fd(sparse), {}), ERR + 'InvalidImage', 'larger than 256 MiB'),
            ((self.fd('Image'), {'initrd': self.fd(big_initrd)}), ERR + 'InvalidImage',
             'the initrd (130.0 MiB) does not fit'),
            ((self.fd('Image'), {'device-tree': self.fd('initrd.img')}), ERR + 'InvalidImage',
             'not a flattened device tree'),
            ((self.fd('Image'), {'cmdline': 'x' * 2048}), ERR + 'InvalidImage', 'Linux takes at most 2047'),
            ((self.fd('Image'), {'initrd': 'initrd.img'}), INVALID_ARGS, "'initrd' must be a file descriptor"),
            ((self.fd('Image'), {'cmdline': dbus.UInt32(1)}), INVALID_ARGS, "'cmdline' must be a string"),
            ((self.fd('Image'), {'kernel-args': 'x'}), INVALID_ARGS, "Unknown option 'kernel-args'"),
        ]
        for args, err, text in bad:
            before = len(self.loaded_lines())
            self.assertError(err, self.m.LoadCellLinux, 'linux-demo', *args, contains=text)
            self.assertEqual(len(self.loaded_lines()), before, text)
        self.assertError(ERR + 'NoSuchCell', self.m.LoadCellLinux, 'nope', self.fd('Image'), {})
        self.assertEqual(self.prop(self.m.GetCell('linux-demo'), 'State'), 'shut-down')

    def test_device_of_a_running_cell(self):
        self.m.CreateCell('linux-demo')
        thief = os.path.join(self.s.etc, 'cells', 'nic-thief.yaml')
        with open(thief, 'w') as f:
            f.write('kind: cell\nname: nic-thief\ncpus: 1\nmemory:\n'
                    '  - { phys: 0x7f000000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n'
                    'devices:\n  - { name: net, compatible: "virtio,mmio", address: 0x0a000000, size: 0x200 }\n')
        self.assertError(ERR + 'InvalidConfig', self.m.CreateCell, 'nic-thief',
                         contains="device 'net' overlaps device 'virtio_mmio' of cell 'linux-demo'")
        self.assertEqual([str(c[0]) for c in self.m.ListCells()], ['linux-demo'])

    def test_running_cell_is_not_loaded(self):
        self.m.CreateCell('linux-demo')
        self.m.LoadCell('linux-demo', [])
        self.m.StartCell('linux-demo')
        self.assertError(ERR + 'BadCellState', self.m.LoadCellLinux, 'linux-demo', self.fd('Image'), {})

    def test_poweroff_and_reboot(self):
        path = self.m.CreateCell('linux-demo')
        self.m.LoadCellLinux('linux-demo', self.fd('Image'), {'initrd': self.fd('initrd.img')})
        self.m.StartCell('linux-demo')
        started = self.prop(path, 'StartTimestamp')
        loads = len(self.loaded_lines())
        time.sleep(0.01)
        self.s.fake('reset linux-demo')       # Linux's reboot: PSCI SYSTEM_RESET
        cvtest.wait_for(lambda: self.prop(path, 'StartTimestamp') > started, what='a new start')
        self.assertEqual(self.prop(path, 'State'), 'running')
        self.assertEqual(self.prop(path, 'StopReason'), '')
        self.assertEqual(len(self.loaded_lines()), loads + 1)   # the same files, read again
        self.assertIn('reset itself', self.s.daemon.output())
        self.s.fake('off linux-demo')         # Linux's poweroff: PSCI SYSTEM_OFF
        cvtest.wait_for(lambda: self.prop(path, 'State') == 'shut-down', what='the cell to stop')
        self.assertEqual(self.prop(path, 'StopReason'), 'system-off')
        self.assertEqual(self.prop(path, 'FailureReason'), '')
        r = cvtest.cellctl(self.s.bus, 'status', 'linux-demo')
        self.assertIn('State: shut-down (system-off)', r.stdout, r.stderr)

    def test_reset_after_explicit_images_stays_down(self):
        path = self.m.CreateCell('linux-demo')
        self.m.LoadCell('linux-demo', [(self.fd('Image'), dbus.UInt64(0x80000000))])
        self.m.StartCell('linux-demo')
        self.s.fake('reset linux-demo')
        cvtest.wait_for(lambda: self.prop(path, 'State') == 'shut-down', what='the cell to stop')
        self.assertEqual(self.prop(path, 'StopReason'), 'system-reset')

    def test_cellctl_linux_and_dtb(self):
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=self.s.bus.address)
        cfg = os.path.join(self.s.etc, 'cells', 'linux-demo.yaml')
        r = subprocess.run([CELLCTL, 'linux', 'linux-demo', self.files['Image'], '-i', self.files['initrd.img'],
                            '-c', 'console=ttyAMA0 loglevel=8'], env=env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.prop(self.m.GetCell('linux-demo'), 'State'), 'running')
        self.assertIn('initrd at 0x80600000 (65536 bytes)', self.loaded_lines()[-1])
        # A kernel that is none: a clear error, and the cell it created is gone again.
        self.m.DestroyCell('linux-demo')
        r = subprocess.run([CELLCTL, 'linux', 'linux-demo', self.files['script.sh']], env=env,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn('not an arm64 Linux Image', r.stderr)
        self.assertEqual(list(self.m.ListCells()), [])
        r = subprocess.run([CELLCTL, 'linux', 'linux-demo', '/nonexistent/Image'], env=env,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn('/nonexistent/Image', r.stderr)
        self.assertEqual(list(self.m.ListCells()), [])
        # cellctl dtb: the tree the cell gets, offline; as big as the one the daemon loads.
        self.m.CreateCell('linux-demo')
        self.m.LoadCell('linux-demo', [])
        loaded = re.search(r'device tree at \S+ \((\d+) bytes\)', self.loaded_lines()[-1]).group(1)
        out = os.path.join(self.s.dir, 'linux-demo.dtb')
        r = subprocess.run([CELLCTL, 'dtb', cfg, '--system', os.path.join(self.s.etc, 'system.yaml'),
                            '-o', out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, 'rb') as f:
            dtb = f.read()
        self.assertEqual(dtb[:4], b'\xd0\x0d\xfe\xed')
        self.assertIn(b'console=ttyAMA0 earlycon', dtb)
        self.assertIn(b'virtio,mmio', dtb)
        self.assertEqual(int(loaded), len(dtb))


class LinuxPolkitTest(unittest.TestCase):
    CHILD = ('import dbus, sys\n'
             'b = dbus.bus.BusConnection(sys.argv[1])\n'
             'm = dbus.Interface(b.get_object("org.cellvisor.cellmgr1", "/org/cellvisor/cellmgr1"),'
             ' "org.cellvisor.cellmgr1.Manager")\n'
             'try:\n'
             '    m.LoadCellLinux("linux-demo", dbus.types.UnixFd(open(sys.argv[2], "rb")), {})\n'
             '    print("loaded")\n'
             'except dbus.DBusException as e:\n'
             '    print(e.get_dbus_name())\n')

    def test_load_linux_needs_manage_cells(self):
        s, files = linux_setup(self, polkit=True)
        s.manager().CreateCell('linux-demo')
        r = cvtest.run(['/usr/bin/python3', '-c', self.CHILD, s.bus.address, files['Image']], s.bus, user='nobody')
        self.assertEqual(r.stdout.strip(), DENIED, r.stderr)
        self.assertNotIn('Linux loaded', s.daemon.output())
        self.assertIn('"cell": "linux-demo", "verb": "load"', s.polkit_output())
        s.polkit_allow('org.cellvisor.cellmgr1.manage-cells')
        r = cvtest.run(['/usr/bin/python3', '-c', self.CHILD, s.bus.address, files['Image']], s.bus, user='nobody')
        self.assertEqual(r.stdout.strip(), 'loaded', r.stderr)


if __name__ == '__main__':
    cvtest.main()
