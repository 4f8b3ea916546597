#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""cellctl against cellmgrd (fake driver) on a private bus: every verb,
table and JSON output, exit codes, console, and run as cell@.service uses it."""
import json
import os
import signal
import subprocess
import time
import unittest

import cvtest


class CliTest(unittest.TestCase):
    def setUp(self):
        self.s = cvtest.FakeSetup(self)

    def ctl(self, *args, rc=0, user=None, **kw):
        r = cvtest.cellctl(self.s.bus, *args, user=user, **kw)
        self.assertEqual(r.returncode, rc, 'cellctl %s: %s%s' % (' '.join(args), r.stdout, r.stderr))
        return r

    def test_verbs(self):
        self.ctl('enable')
        self.ctl('create', 'gic-demo')
        self.ctl('create', os.path.join(self.s.etc, 'cells', 'uart-demo.yaml'))
        self.ctl('load', 'gic-demo')
        self.ctl('load', 'uart-demo', os.path.join(self.s.images, 'uart-demo.bin') + '@0x0')
        import glob
        staged = set(glob.glob('/tmp/cellctl-string-*'))
        self.ctl('load', 'uart-demo', os.path.join(self.s.images, 'uart-demo.bin'), '-s', 'console=ttyAMA0', '-a', '0x8000')
        self.assertEqual(set(glob.glob('/tmp/cellctl-string-*')), staged)   # a memory file, nothing in /tmp
        self.ctl('load', 'uart-demo', '-s', 'x', rc=2)
        self.ctl('start', 'gic-demo', 'uart-demo')
        out = self.ctl('list').stdout
        self.assertEqual(out.splitlines()[0].split(), ['NAME', 'ID', 'STATE', 'CPUS'])
        # Sorted by name.
        self.assertEqual(out.splitlines()[1].split(), ['gic-demo', '1', 'running', '3'])
        self.assertEqual(out.splitlines()[2].split(), ['uart-demo', '2', 'running', '2'])
        self.assertIn('2 cells listed.', out)
        cells = json.loads(self.ctl('list', '--json').stdout)
        self.assertIn({'name': 'gic-demo', 'id': 1, 'state': 'running', 'cpus': '3'}, cells)
        out = self.ctl('status', 'gic-demo').stdout
        self.assertIn('State: running', out)
        self.assertIn('CPUs: 3', out)
        self.assertIn('Memory: 64K', out)
        self.assertIn('HV pool: 36K (9 pages, 5 of them stage-2 tables)', out)
        st = json.loads(self.ctl('status', '--json', 'gic-demo').stdout)
        self.assertEqual((st['name'], st['state'], st['memory']), ('gic-demo', 'running', 65536))
        self.assertEqual((st['hypervisor_pages'], st['table_pages']), (9, 5))
        stats = json.loads(self.ctl('stats', '--json').stdout)
        self.assertEqual(sorted((x['cell'], x['cpu']) for x in stats), [('gic-demo', 3), ('uart-demo', 2)])
        self.assertIn('EXITS_TOTAL', self.ctl('stats', 'gic-demo').stdout)
        self.assertIn('Hello from the fake cell', self.ctl('console', 'gic-demo').stdout)
        self.ctl('shutdown', 'gic-demo')
        self.assertIn('shut-down', self.ctl('status', 'gic-demo').stdout)
        self.ctl('destroy', 'gic-demo', 'uart-demo')
        self.assertIn('No cells.', self.ctl('list').stdout)
        self.assertEqual(json.loads(self.ctl('list', '--json').stdout), [])
        self.ctl('disable')

    def test_exit_codes_and_messages(self):
        r = self.ctl('start', 'nope', rc=1)
        self.assertEqual(r.stderr, "cellctl: cannot start cell 'nope': No cell 'nope' (cellctl list shows the cells that exist)\n")
        r = self.ctl('create', 'gic-demo', rc=1)
        self.assertIn('the hypervisor is not enabled (cellctl enable)', r.stderr)
        self.ctl('start', rc=2)
        self.ctl('list', 'extra', rc=2)
        self.ctl('bogus', rc=2)
        self.ctl('enable')
        self.ctl('enable')
        r = self.ctl('enable', os.path.join(cvtest.QEMU_CONFIGS, 'system.yaml'), rc=1)
        self.assertIn('already enabled', r.stderr)
        self.ctl('create', 'gic-demo')
        r = self.ctl('load', 'gic-demo', '/dev/null', rc=1)
        self.assertEqual(r.stderr, "cellctl: cannot load cell 'gic-demo': Image /dev/null: not a regular file "
                                   "(a FIFO, device, socket or directory)\n")
        r = self.ctl('load', 'gic-demo', '/nonexistent.bin', rc=1)
        self.assertIn('cannot open image /nonexistent.bin: No such file or directory', r.stderr)
        r = self.ctl('create', os.path.join(self.s.etc, 'cells', 'uart-demo.yaml'), user='nobody', rc=1)
        self.assertIn('org.cellvisor.cellmgr1.manage-hypervisor', r.stderr)
        r = self.ctl('start', 'gic-demo', user='nobody', rc=1)
        self.assertIn("Not authorized to start cell 'gic-demo'", r.stderr)

    def test_console_follow_input(self):
        self.s.create_started('uart-demo')
        p = subprocess.Popen([os.path.join(cvtest.BUILDROOT, 'cellctl', 'cellctl'), 'console', '-f', 'uart-demo'],
                             env=self.s.bus.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.addCleanup(p.kill)
        p.stdin.write('typed line\n')
        p.stdin.flush()
        p.stdin.close()
        seen = ''
        while 'typed line' not in seen:
            seen += p.stdout.readline()
        self.assertIn('Hello from the fake cell', seen)
        self.s.manager().DestroyCell('uart-demo')
        self.assertEqual(p.wait(10), 0)

    def run_cell(self):
        p = subprocess.Popen([os.path.join(cvtest.BUILDROOT, 'cellctl', 'cellctl'), 'run', 'gic-demo'],
                             env=self.s.bus.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(p.kill)
        m = self.s.manager()
        cvtest.wait_for(lambda: [str(c[2]) for c in m.ListCells()] == ['running'], what='cellctl run to start the cell')
        return p, m

    def test_run_until_sigterm(self):
        self.ctl('enable')
        p, m = self.run_cell()
        self.s.fake('print gic-demo Timer fired')
        time.sleep(0.3)
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 0, err)
        self.assertIn('Hello from the fake cell', out)
        self.assertIn('Timer fired', out)
        self.assertEqual(list(m.ListCells()), [])

    def test_run_ignores_other_cells(self):
        self.ctl('enable')
        p, m = self.run_cell()
        m.CreateCell('uart-demo')
        m.DestroyCell('uart-demo')     # CellRemoved for another cell
        time.sleep(0.5)
        self.assertIsNone(p.poll(), 'cellctl run gic-demo ended when uart-demo went away')
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(10), 0)

    def test_run_fails_with_the_cell(self):
        self.ctl('enable')
        p, m = self.run_cell()
        self.s.fake('fail gic-demo')
        out, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 1)
        self.assertIn('Cell gic-demo is failed: data-abort on CPU 3', err)
        # Destroyed, so Restart=on-failure can create it again.
        self.assertEqual(list(m.ListCells()), [])
        p, m = self.run_cell()
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=10)

    def test_run_without_hypervisor(self):
        r = self.ctl('run', 'gic-demo', rc=1)
        self.assertIn('cannot create the cell', r.stderr)


if __name__ == '__main__':
    cvtest.main()
