# SPDX-License-Identifier: GPL-2.0-only
"""Harness for cellmgrd tests: a private system bus loaded with the project's
own policy file, optionally dbusmock's polkitd, and the daemon under test."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

warnings.simplefilter("ignore", ResourceWarning)

BUS_NAME = 'org.cellvisor.cellmgr1'
PATH = '/org/cellvisor/cellmgr1'
MGR = 'org.cellvisor.cellmgr1.Manager'
CELL = 'org.cellvisor.cellmgr1.Cell'
ERR = 'org.cellvisor.cellmgr1.Error.'

HERE = os.path.dirname(os.path.abspath(__file__))
SRCROOT = os.environ.get('CV_SOURCE_ROOT', os.path.abspath(os.path.join(HERE, '..', '..')))
BUILDROOT = os.environ.get('CV_BUILD_ROOT', os.path.join(SRCROOT, 'build', 'host'))

sys.path.insert(0, os.path.join(HERE, '..', 'tap'))
import tap  # noqa: E402  (found through the path set just above)


def main():
    """The calling module's tests as TAP, or all skipped when not root: the daemon must own a name only root may."""
    if os.geteuid() != 0:
        print('1..0 # SKIP the D-Bus tests need root')
        sys.exit(0)
    warnings.simplefilter('ignore')
    tap.main()


def skip_unless_root():
    if os.geteuid() != 0:
        raise unittest.SkipTest('needs root (the daemon must own a name the policy gives to root)')


def wait_for(pred, timeout=10.0, what='condition'):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError('timed out waiting for ' + what)


class Bus:
    """A private dbus-daemon of type system using dbus/org.cellvisor.cellmgr1.conf."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='cv-bus-')
        os.chmod(self.dir, 0o755)   # clients run as nobody must reach the socket
        with open(os.path.join(HERE, 'bus.conf.in')) as f:
            conf = f.read()
        conf = conf.replace('@TMPDIR@', self.dir).replace('@POLICYDIR@', os.path.join(SRCROOT, 'dbus'))
        path = os.path.join(self.dir, 'bus.conf')
        with open(path, 'w') as f:
            f.write(conf)
        out = subprocess.check_output(['dbus-daemon', '--config-file=' + path, '--fork',
                                       '--print-address=1', '--print-pid=1'],
                                      stderr=subprocess.DEVNULL, text=True).split('\n')
        self.address = out[0].strip()
        self.pid = int(out[1])
        self.env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=self.address)

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Daemon:
    def __init__(self, bus, binary=None, env=None, args=()):
        self.bus = bus
        self.binary = binary or os.path.join(BUILDROOT, 'cellmgrd', 'cellmgrd')
        e = dict(bus.env)
        e.update(env or {})
        self.log = tempfile.TemporaryFile(mode='w+')
        self.proc = subprocess.Popen([self.binary] + list(args), env=e,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(self.on_bus, what='cellmgrd to own its name')

    def on_bus(self):
        if self.proc.poll() is not None:
            raise AssertionError('cellmgrd exited: ' + self.output())
        return has_owner(self.bus, BUS_NAME)

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def run(cmd, bus, user=None, **kw):
    """Run a command against the private bus, optionally as another user."""
    if user:
        cmd = ['setpriv', '--reuid=' + user, '--regid=nogroup', '--clear-groups'] + cmd
    return subprocess.run(cmd, env=bus.env, capture_output=True, text=True, **kw)


def has_owner(bus, name):
    """NameHasOwner, not "busctl status": the latter also looks up the
    owner's credentials, which fails where cgroups are not mounted."""
    r = subprocess.run(['busctl', '--address=' + bus.address, 'call',
                        'org.freedesktop.DBus', '/org/freedesktop/DBus',
                        'org.freedesktop.DBus', 'NameHasOwner', 's', name],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return r.returncode == 0 and r.stdout.strip() == 'b true'


def busctl(bus, *args, user=None):
    return run(['busctl', '--address=' + bus.address] + list(args), bus, user=user)


def cellctl(bus, *args, user=None, **kw):
    return run([os.path.join(BUILDROOT, 'cellctl', 'cellctl')] + list(args), bus, user=user, **kw)


def fd(path):
    """For call_as(): the file at path, opened by the calling user."""
    return {'fd': path}


FAKE = os.path.join(BUILDROOT, 'cellmgrd', 'cellmgrd-fake')
QEMU_CONFIGS = os.path.join(SRCROOT, 'configs', 'qemu-arm64')


class FakeSetup:
    """A bus, config directories with the shipped QEMU configs, and cellmgrd-fake."""

    def __init__(self, test, polkit=False, mode=None, start=True):
        skip_unless_root()
        self.test = test
        self.bus = Bus()
        test.addCleanup(self.bus.stop)
        self.dir = tempfile.mkdtemp(prefix='cv-fake-')
        test.addCleanup(shutil.rmtree, self.dir, True)
        os.chmod(self.dir, 0o755)
        self.etc = os.path.join(self.dir, 'etc')
        self.share = os.path.join(self.dir, 'share')    # the shipped configs, under etc's
        self.run_dir = os.path.join(self.dir, 'run')
        os.makedirs(os.path.join(self.etc, 'cells'))
        os.makedirs(os.path.join(self.share, 'cells'))
        shutil.copy(os.path.join(QEMU_CONFIGS, 'system.yaml'), self.etc)
        self.images = os.path.join(self.dir, 'images')
        os.makedirs(self.images)
        for cell in ('gic-demo', 'uart-demo'):
            with open(os.path.join(QEMU_CONFIGS, cell + '.yaml')) as f:
                text = f.read().replace('/usr/share/cellvisor/inmates', self.images)
            with open(os.path.join(self.etc, 'cells', cell + '.yaml'), 'w') as f:
                f.write(text)
            with open(os.path.join(self.images, cell + '.bin'), 'wb') as f:
                f.write(b'\x00' * 512)
        self.control = os.path.join(self.dir, 'control')
        self.env = {'CELLMGRD_FAKE_STATE': os.path.join(self.dir, 'state'),
                    'CELLMGRD_FAKE_CONTROL': self.control}
        if mode:
            self.env['CELLMGRD_FAKE_MODE'] = mode
        self.polkit = None
        if polkit:
            self.start_polkit()
        self.daemon = None
        if start:
            self.start()

    def start(self):
        self.daemon = Daemon(self.bus, binary=FAKE, env=self.env,
                             args=['--runtime-dir=' + self.run_dir, '--config-dir=' + self.etc,
                                   '--config-dir=' + self.share])
        self.test.addCleanup(self.daemon.stop)
        return self.daemon

    def start_polkit(self):
        self.polkit_log = tempfile.TemporaryFile(mode='w+')
        self.polkit = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--system', '--template', 'polkitd'],
                                       env=self.bus.env, stdout=self.polkit_log, stderr=subprocess.STDOUT)
        self.test.addCleanup(self._stop_polkit)
        wait_for(lambda: has_owner(self.bus, 'org.freedesktop.PolicyKit1'),
                 what='the fake polkitd')

    def _stop_polkit(self):
        self.polkit.terminate()
        self.polkit.wait()

    def polkit_output(self):
        self.polkit_log.seek(0)
        return self.polkit_log.read()

    def polkit_allow(self, *actions):
        r = busctl(self.bus, 'call', 'org.freedesktop.PolicyKit1', '/org/freedesktop/PolicyKit1/Authority',
                   'org.freedesktop.DBus.Mock', 'SetAllowed', 'as', str(len(actions)), *actions)
        assert r.returncode == 0, r.stderr

    def fake(self, command):
        import socket
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.sendto(command.encode(), self.control)
        s.close()

    def connect(self):
        import dbus
        return dbus.bus.BusConnection(self.bus.address)

    def manager(self, conn=None):
        import dbus
        conn = conn or self.connect()
        return dbus.Interface(conn.get_object(BUS_NAME, PATH), MGR)

    def call_as(self, user, method, *args, path=PATH, iface=MGR):
        """Call as another user in a child python; returns (error name or None, message or result).
        An argument fd('FILE') is FILE opened by that user (read-only, non-blocking) and passed as
        a file descriptor; (fd('FILE'), n) pairs in a list go as (h, t) structs."""
        script = ('import dbus, json, os, sys\n'
                  'def conv(a):\n'
                  '    if isinstance(a, dict):\n'
                  '        return dbus.types.UnixFd(os.open(a["fd"], os.O_RDONLY | os.O_NONBLOCK))\n'
                  '    if isinstance(a, list) and len(a) == 2 and isinstance(a[0], dict):\n'
                  '        return dbus.Struct((conv(a[0]), dbus.UInt64(a[1])))\n'
                  '    if isinstance(a, list):\n'
                  '        return dbus.Array([conv(x) for x in a], signature="(ht)")\n'
                  '    return a\n'
                  'b = dbus.bus.BusConnection(sys.argv[1])\n'
                  'o = b.get_object("%s", sys.argv[2])\n'
                  'try:\n'
                  '    args = [conv(a) for a in json.loads(sys.argv[5])]\n'
                  '    r = getattr(dbus.Interface(o, sys.argv[3]), sys.argv[4])(*args)\n'
                  '    print(json.dumps([None, str(r)]))\n'
                  'except dbus.DBusException as e:\n'
                  '    print(json.dumps([e.get_dbus_name(), e.get_dbus_message()]))\n'
                  'except OSError as e:\n'
                  '    print(json.dumps(["OSError", str(e)]))\n' % BUS_NAME)
        import json
        r = run(['/usr/bin/python3', '-c', script, self.bus.address, path, iface, method, json.dumps(list(args))],
                self.bus, user=user)
        assert r.returncode == 0, r.stderr
        return tuple(json.loads(r.stdout))

    def create_started(self, name='gic-demo'):
        m = self.manager()
        if not m.Get(MGR, 'HypervisorEnabled', dbus_interface='org.freedesktop.DBus.Properties'):
            m.Enable('')
        path = m.CreateCell(name)
        m.LoadCell(name, [])
        m.StartCell(name)
        return path
