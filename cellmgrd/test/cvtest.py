# SPDX-License-Identifier: GPL-2.0-only
"""Harness for cellmgrd tests: a private system bus loaded with the project's
own policy file, optionally dbusmock's polkitd, and the daemon under test."""
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BUS_NAME = 'org.cellvisor.cellmgr1'
PATH = '/org/cellvisor/cellmgr1'
MGR = 'org.cellvisor.cellmgr1.Manager'
CELL = 'org.cellvisor.cellmgr1.Cell'
ERR = 'org.cellvisor.cellmgr1.Error.'

HERE = os.path.dirname(os.path.abspath(__file__))
SRCROOT = os.environ.get('CV_SOURCE_ROOT', os.path.abspath(os.path.join(HERE, '..', '..')))
BUILDROOT = os.environ.get('CV_BUILD_ROOT', os.path.join(SRCROOT, 'build', 'host'))


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
        r = subprocess.run(['busctl', '--address=' + self.bus.address, 'status', BUS_NAME],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return r.returncode == 0

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


def busctl(bus, *args, user=None):
    return run(['busctl', '--address=' + bus.address] + list(args), bus, user=user)


def cellctl(bus, *args, user=None, **kw):
    return run([os.path.join(BUILDROOT, 'cellctl', 'cellctl')] + list(args), bus, user=user, **kw)
