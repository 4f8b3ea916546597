#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""cellmgrd on a private bus with the fake driver: calls, named errors,
signals, consoles, rediscovery after a restart."""
import os
import socket
import threading
import time
import unittest

import dbus
import dbus.mainloop.glib
from gi.repository import GLib

import cvtest
from cvtest import MGR, CELL, ERR

PROPS = 'org.freedesktop.DBus.Properties'


class DaemonTest(unittest.TestCase):
    def setUp(self):
        self.s = cvtest.FakeSetup(self)
        self.conn = self.s.connect()
        self.m = self.s.manager(self.conn)

    def prop(self, path, iface, name):
        return self.conn.get_object(cvtest.BUS_NAME, path).Get(iface, name, dbus_interface=PROPS)

    def assertError(self, name, fn, *args, contains=None):
        with self.assertRaises(dbus.DBusException) as cm:
            fn(*args)
        self.assertEqual(cm.exception.get_dbus_name(), name, cm.exception.get_dbus_message())
        if contains:
            self.assertIn(contains, cm.exception.get_dbus_message())
        return cm.exception.get_dbus_message()

    def test_lifecycle(self):
        self.assertFalse(self.prop(cvtest.PATH, MGR, 'HypervisorEnabled'))
        self.m.Enable('')
        self.assertTrue(self.prop(cvtest.PATH, MGR, 'HypervisorEnabled'))
        self.assertEqual(self.prop(cvtest.PATH, MGR, 'SystemConfig'), os.path.join(self.s.etc, 'system.yaml'))
        path = self.m.CreateCell('gic-demo')
        self.assertEqual(path, '/org/cellvisor/cellmgr1/cell/gic_2ddemo')
        self.assertEqual(self.m.GetCell('gic-demo'), path)
        self.assertEqual(self.prop(path, CELL, 'State'), 'shut-down')
        self.assertEqual(list(self.prop(path, CELL, 'CPUs')), [3])
        self.assertEqual(self.prop(path, CELL, 'Memory'), 64 * 1024)
        self.assertEqual(self.prop(path, CELL, 'ConfigFile'), os.path.join(self.s.etc, 'cells', 'gic-demo.yaml'))
        self.m.LoadCell('gic-demo', [])
        self.m.StartCell('gic-demo')
        self.assertEqual(self.prop(path, CELL, 'State'), 'running')
        self.assertGreater(self.prop(path, CELL, 'StartTimestamp'), time.time() * 1e6 - 60e6)
        cells = self.m.ListCells()
        self.assertEqual([tuple(c) for c in cells], [('gic-demo', 1, 'running', '3', path)])
        stats = self.m.GetCellStatistics('gic-demo')
        self.assertEqual(len(stats), 1)
        self.assertEqual(stats[0][0], 3)
        self.assertIn('exits_total', stats[0][1])
        self.m.ShutdownCell('gic-demo')
        self.assertEqual(self.prop(path, CELL, 'State'), 'shut-down')
        self.m.DestroyCell('gic-demo')
        self.assertEqual(list(self.m.ListCells()), [])
        self.m.Disable()
        self.assertFalse(self.prop(cvtest.PATH, MGR, 'HypervisorEnabled'))
        self.m.Disable()       # not enabled: nothing to do

    def test_cell_object_methods(self):
        path = self.s.create_started('uart-demo')
        cell = dbus.Interface(self.conn.get_object(cvtest.BUS_NAME, path), CELL)
        cell.Shutdown()
        with open(os.path.join(self.s.images, 'uart-demo.bin'), 'rb') as f:
            cell.Load([(dbus.types.UnixFd(f), dbus.UInt64(0))])
        cell.Start()
        self.assertEqual(self.prop(path, CELL, 'State'), 'running')
        self.assertEqual(cell.GetStatistics()[0][0], 2)
        cell.Destroy()
        self.assertError('org.freedesktop.DBus.Error.UnknownObject', cell.Start)

    def test_list_cell_configs(self):
        configs = sorted((str(n), str(p)) for n, p in self.m.ListCellConfigs())
        self.assertEqual(configs, [('gic-demo', os.path.join(self.s.etc, 'cells', 'gic-demo.yaml')),
                                   ('uart-demo', os.path.join(self.s.etc, 'cells', 'uart-demo.yaml'))])

    def test_named_errors(self):
        self.assertError(ERR + 'NoSuchCell', self.m.StartCell, 'nope', contains="No cell 'nope'")
        self.assertError(ERR + 'NoSuchCell', self.m.GetCell, 'nope')
        self.assertError(ERR + 'HypervisorNotEnabled', self.m.CreateCell, 'gic-demo',
                         contains='cellctl enable')
        self.assertError(ERR + 'NoSuchConfig', self.m.Enable, '/nonexistent/system.yaml')
        self.assertError(ERR + 'NoSuchConfig', self.m.Enable, 'relative.yaml', contains='not absolute')
        # Not enabled yet: a cell is checked against the system config Enable('') would take.
        five = os.path.join(self.s.dir, 'five.yaml')
        with open(five, 'w') as f:
            f.write('kind: cell\nname: five\ncpus: 5\nmemory:\n'
                    '  - { phys: 0x7fa00000, virt: 0, size: 64K, flags: [read, write, execute, loadable] }\n')
        with open(five) as f:
            self.assertError(ERR + 'InvalidConfig', self.m.CreateCellFromFile, dbus.types.UnixFd(f),
                             contains=five + ':3:7: error: CPUs 5 do not exist')
        self.m.Enable('')
        self.m.Enable('')      # the same config again: nothing to do
        other = os.path.join(self.s.dir, 'other.yaml')
        with open(os.path.join(self.s.etc, 'system.yaml')) as f, open(other, 'w') as g:
            g.write(f.read())
        self.assertError(ERR + 'HypervisorEnabled', self.m.Enable, other, contains='disable it first')
        self.assertError(ERR + 'NoSuchConfig', self.m.CreateCell, 'no-such-cell',
                         contains='cells/no-such-cell.yaml')
        self.assertError('org.freedesktop.DBus.Error.InvalidArgs', self.m.CreateCell, '../etc/passwd',
                         contains='CreateCellFromFile')
        bad = os.path.join(self.s.dir, 'bad.yaml')
        with open(bad, 'w') as f:
            f.write('kind: cell\nname: bad\ncpus: 3\nmemory:\n  - { phys: 0x7fbf0000, size: 128K, flags: [read] }\n')
        with open(bad) as f:
            msg = self.assertError(ERR + 'InvalidConfig', self.m.CreateCellFromFile, dbus.types.UnixFd(f))
        self.assertIn(bad + ":5:5: error: memory region 0x7fbf0000 +0x20000 overlaps the hypervisor's memory", msg)
        self.m.CreateCell('gic-demo')
        self.assertError(ERR + 'CellExists', self.m.CreateCell, 'gic-demo')
        empty = os.path.join(self.s.dir, 'empty.bin')
        open(empty, 'w').close()
        with open(empty, 'rb') as f:
            self.assertError(ERR + 'InvalidImage', self.m.LoadCell, 'gic-demo', [(dbus.types.UnixFd(f), dbus.UInt64(0))],
                             contains=empty + ' is empty')
        self.m.LoadCell('gic-demo', [])
        self.m.StartCell('gic-demo')
        self.assertError(ERR + 'BadCellState', self.m.LoadCell, 'gic-demo', [], contains='shut it down')
        self.assertError(ERR + 'CellBusy', self.m.Disable, contains='destroy')
        r = cvtest.busctl(self.s.bus, 'call', cvtest.BUS_NAME, cvtest.PATH, MGR, 'StartCell', 'u', '3')
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("Invalid arguments 'u' to call org.cellvisor.cellmgr1.Manager.StartCell(), expecting 's'",
                      r.stderr)
        # Nothing changed and the daemon keeps serving.
        self.assertEqual([str(c[0]) for c in self.m.ListCells()], ['gic-demo'])
        self.assertEqual(self.prop(self.m.GetCell('gic-demo'), CELL, 'State'), 'running')

    def test_driver_without_ioctls(self):
        self.s.fake('mode enotty')
        time.sleep(0.1)
        self.assertError(ERR + 'NotSupported', self.m.Enable, '', contains='does not implement')
        self.s.fake('mode nodev')
        time.sleep(0.1)
        self.assertError(ERR + 'HypervisorUnavailable', self.m.Enable, '', contains='modprobe cellvisor')

    def test_veto(self):
        path = self.s.create_started()
        self.s.fake('mode eperm')
        time.sleep(0.1)
        self.assertError(ERR + 'Refused', self.m.ShutdownCell, 'gic-demo', contains='vetoed by a cell')
        self.s.fake('mode ok')
        time.sleep(0.1)
        self.assertEqual(self.prop(path, CELL, 'State'), 'running')

    def test_signals(self):
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        conn = dbus.bus.BusConnection(self.s.bus.address, mainloop=dbus.mainloop.glib.DBusGMainLoop())
        seen = []
        conn.add_signal_receiver(lambda *a, **kw: seen.append((kw['member'],) + tuple(str(x) for x in a[:3])),
                                 dbus_interface=MGR, member_keyword='member')
        conn.add_signal_receiver(lambda iface, changed, inval, **kw: seen.append(('State', str(changed.get('State')))),
                                 signal_name='PropertiesChanged', dbus_interface=PROPS,
                                 path='/org/cellvisor/cellmgr1/cell/gic_2ddemo')
        loop = GLib.MainLoop()

        def call(*args):
            r = cvtest.busctl(self.s.bus, 'call', cvtest.BUS_NAME, cvtest.PATH, MGR, *args)
            assert r.returncode == 0, r.stderr

        # Through busctl, not dbus-python: libdbus used from two threads at once can deadlock.
        def steps():
            call('Enable', 's', '')
            call('CreateCell', 's', 'gic-demo')
            call('LoadCell', 'sa(ht)', 'gic-demo', '0')
            call('StartCell', 's', 'gic-demo')
            self.s.fake('fail gic-demo')
            time.sleep(0.5)
            call('DestroyCell', 's', 'gic-demo')
            time.sleep(0.3)
            GLib.idle_add(loop.quit)
        t = threading.Thread(target=steps)
        t.start()
        GLib.timeout_add(10000, loop.quit)
        loop.run()
        t.join()
        path = '/org/cellvisor/cellmgr1/cell/gic_2ddemo'
        self.assertIn(('CellNew', 'gic-demo', path), seen)
        self.assertIn(('State', 'running'), seen)
        self.assertIn(('State', 'failed'), seen)
        self.assertIn(('CellFailed', 'gic-demo', path, 'data-abort'), seen)
        self.assertIn(('CellRemoved', 'gic-demo', path), seen)
        self.assertLess(seen.index(('CellNew', 'gic-demo', path)), seen.index(('CellFailed', 'gic-demo', path, 'data-abort')))

    def test_failure_recorded(self):
        path = self.s.create_started()
        self.s.fake('fail gic-demo')
        cvtest.wait_for(lambda: self.prop(path, CELL, 'State') == 'failed', what='the cell to fail')
        self.assertEqual(self.prop(path, CELL, 'FailureReason'),
                         'data-abort on CPU 3 at PC 0x1234 (FAR 0xdead0000, IPA 0xdead0000, ESR 0x92000047)')

    def test_console(self):
        self.s.create_started('uart-demo')
        self.s.fake('print uart-demo first line')
        time.sleep(0.2)
        fd1 = self.m.OpenCellConsole('uart-demo').take()
        fd2 = self.m.OpenCellConsole('uart-demo').take()
        a, b = socket.socket(fileno=fd1), socket.socket(fileno=fd2)
        a.settimeout(5)
        b.settimeout(5)

        def read_until(sock, text):
            data = b''
            while text.encode() not in data:
                data += sock.recv(4096)
            return data.decode()
        # The scroll-back: what the cell printed before we attached.
        self.assertIn('Hello from the fake cell', read_until(a, 'first line'))
        read_until(b, 'first line')
        # Input reaches the cell (the fake echoes like uart-demo) and every reader sees the output.
        a.sendall(b'ping\n')
        read_until(a, 'ping')
        read_until(b, 'ping')
        # The pty for screen users.
        link = os.path.join(self.s.run_dir, 'console', 'uart-demo')
        self.assertTrue(os.readlink(link).startswith('/dev/pts/'), link)
        a.close()
        self.s.fake('print uart-demo after close')
        read_until(b, 'after close')
        b.close()

    def console_tail(self, lines, follow):
        sock = socket.socket(fileno=self.m.OpenCellConsoleTail('uart-demo', dbus.UInt64(lines), follow).take())
        sock.settimeout(5)
        return sock

    @staticmethod
    def read_to_eof(sock):
        data = b''
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data.decode()
            data += chunk

    def test_console_snapshot(self):
        self.s.create_started('uart-demo')
        follower = self.console_tail(0, True)
        for i in range(5):
            self.s.fake('print uart-demo line %d' % i)
        seen = b''
        while b'line 4\n' not in seen:
            seen += follower.recv(4096)
        # The snapshot: what the scroll-back holds, whole lines, then the end.
        everything = self.read_to_eof(self.console_tail(2**64 - 1, False))
        self.assertTrue(everything.startswith('Hello from the fake cell\n'), everything)
        self.assertTrue(everything.endswith('line 3\nline 4\n'), everything)
        self.assertEqual(self.read_to_eof(self.console_tail(2, False)), 'line 3\nline 4\n')
        self.assertEqual(self.read_to_eof(self.console_tail(0, False)), '')
        # -f -n 1: the last line, then what follows; a snapshot takes no input.
        tail = self.console_tail(1, True)
        snap = self.console_tail(5, False)
        self.assertEqual(self.read_to_eof(snap).splitlines()[-1], 'line 4')
        try:
            snap.sendall(b'not for the cell\n')
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.s.fake('print uart-demo line 5')
        got = b''
        while b'line 5\n' not in got:
            got += tail.recv(4096)
        self.assertEqual(got.decode(), 'line 4\nline 5\n')
        tail.sendall(b'typed\n')
        while b'typed\n' not in got:
            got += tail.recv(4096)
        self.assertNotIn(b'not for the cell', got)
        # wrong argument types are refused, with a name
        r = cvtest.busctl(self.s.bus, 'call', cvtest.BUS_NAME, cvtest.PATH, MGR, 'OpenCellConsoleTail',
                          'sss', 'uart-demo', '1', 'yes')
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("Invalid arguments 'sss'", r.stderr)

    def test_console_slow_reader(self):
        """A reader that stops loses its place with a notice; the others get every byte."""
        self.s.create_started('uart-demo')
        # the cell's greeting in the scroll-back first, so neither tail gets it
        deadline = time.monotonic() + 10
        while 'Hello' not in self.read_to_eof(self.console_tail(1, False)):
            self.assertLess(time.monotonic(), deadline, 'no greeting from the fake cell')
            time.sleep(0.05)
        fast, slow = self.console_tail(0, True), self.console_tail(0, True)
        lines = ['L%04d ' % i + 'x' * 480 for i in range(1000)]
        got = b''
        for batch in range(10):
            for line in lines[batch * 100:(batch + 1) * 100]:
                self.s.fake('print uart-demo ' + line)
            while ('%s\n' % lines[batch * 100 + 99]).encode() not in got:
                got += fast.recv(65536)
        self.assertEqual(got.decode().splitlines(), lines)
        # the slow one: what its socket held, the rest of that line, a notice, the scroll-back
        slow.settimeout(1)
        text = b''
        while ('%s\n' % lines[-1]).encode() not in text:
            text += slow.recv(65536)
        got = text.decode().splitlines()
        notices = [i for i, l in enumerate(got) if l.startswith('[cellmgrd: ')]
        self.assertEqual(len(notices), 1, got[:3] + got[-3:])
        before, notice, after = got[:notices[0]], got[notices[0]], got[notices[0] + 1:]
        self.assertEqual(before, lines[:len(before)])
        self.assertEqual(after, lines[-len(after):])
        missing = lines[len(before):len(lines) - len(after)]
        self.assertEqual(notice, "[cellmgrd: %d bytes of uart-demo's console skipped: this reader fell behind]"
                         % sum(len(l) + 1 for l in missing))
        self.assertGreater(len(missing), 0)

    def test_rediscovery_after_restart(self):
        path = self.s.create_started()
        self.s.daemon.proc.kill()      # like kill -9
        self.s.daemon.proc.wait()
        self.s.start()
        self.conn = self.s.connect()
        self.m = self.s.manager(self.conn)
        self.assertEqual([tuple(str(x) for x in c) for c in self.m.ListCells()],
                         [('gic-demo', '1', 'running', '3', path)])
        self.assertTrue(self.prop(cvtest.PATH, MGR, 'HypervisorEnabled'))
        self.assertEqual(self.prop(path, CELL, 'ConfigFile'), os.path.join(self.s.etc, 'cells', 'gic-demo.yaml'))
        self.assertGreater(self.prop(path, CELL, 'StartTimestamp'), 0)
        self.m.ShutdownCell('gic-demo')


if __name__ == '__main__':
    cvtest.main()
