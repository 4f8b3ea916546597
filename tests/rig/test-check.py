#!/usr/bin/python3
"""Unit tests of make check's counting (tests/check): what did not run or
reported nothing is a failure, never zero tests passed quietly."""

import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import subprocess
import tempfile
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "..", "check")
loader = importlib.machinery.SourceFileLoader("cvcheck", CHECK)
spec = importlib.util.spec_from_loader("cvcheck", loader)
cvcheck = importlib.util.module_from_spec(spec)
loader.exec_module(cvcheck)


class MesonSuites(unittest.TestCase):
    def setUp(self):
        self.top = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.top)
        os.makedirs(os.path.join(self.top, "b", "meson-logs"))
        open(os.path.join(self.top, "b", "build.ninja"), "w").close()
        self.log = os.path.join(self.top, "b", "meson-logs", "testlog.json")

    def count(self, lines):
        """meson_suites() with a meson test that writes lines (None: no log at all)."""
        def fake_run(*a, **kw):
            if lines is not None:
                with open(self.log, "w") as f:
                    f.writelines(json.dumps({"result": r}) + "\n" for r in lines)
            return subprocess.CompletedProcess(a, 0)
        with mock.patch.object(cvcheck, "TOP", self.top), mock.patch.object(cvcheck.subprocess, "run", fake_run):
            return cvcheck.meson_suites("b", [])

    def test_counts_results(self):
        self.assertEqual(self.count(["OK", "OK", "FAIL", "SKIP", "TIMEOUT"]), (2, 2, 1))

    def test_missing_log_is_a_failure(self):
        self.assertEqual(self.count(None), (0, 1, 0))

    def test_empty_log_is_a_failure(self):
        self.assertEqual(self.count([]), (0, 1, 0))

    def test_stale_log_is_not_counted(self):
        with open(self.log, "w") as f:
            f.write(json.dumps({"result": "OK"}) + "\n")
        self.assertEqual(self.count(None), (0, 1, 0))


class Scenarios(unittest.TestCase):
    def count(self, rows):
        """scenarios() of a.sh and b.sh with a harness that writes rows (None: nothing at all)."""
        def fake_run(cmd, **kw):
            if rows is not None:
                with open(cmd[cmd.index("--results") + 1], "w") as f:
                    json.dump({"scenarios": rows}, f)
            return subprocess.CompletedProcess(cmd, 1)
        with mock.patch.object(cvcheck.subprocess, "run", fake_run):
            return [r[1:5] for r in cvcheck.scenarios(["/x/a.sh", "/x/b.sh"])]

    def test_counts_results(self):
        self.assertEqual(self.count([{"name": "a", "passed": 5, "failed": 1, "todo": 2},
                                     {"name": "b", "passed": 3, "failed": 0}]),
                         [(5, 1, 0, 2), (3, 0, 0, 0)])

    def test_no_results_is_a_failure(self):
        self.assertEqual(self.count(None), [(0, 1, 0, 0), (0, 1, 0, 0)])

    def test_missing_scenario_is_a_failure(self):
        self.assertEqual(self.count([{"name": "a", "passed": 2, "failed": 0}]), [(2, 0, 0, 0), (0, 1, 0, 0)])

    def test_zero_results_is_a_failure(self):
        self.assertEqual(self.count([{"name": "a", "passed": 0, "failed": 0},
                                     {"name": "b", "passed": 1, "failed": 0}]),
                         [(0, 1, 0, 0), (1, 0, 0, 0)])


class Split(unittest.TestCase):
    def test_balanced_by_last_seconds(self):
        groups = cvcheck.split(["/x/a.sh", "/x/b.sh", "/x/c.sh", "/x/d.sh"], 2,
                               {"a": 300, "b": 100, "c": 150, "d": 60})
        self.assertEqual(groups, [["/x/a.sh"], ["/x/b.sh", "/x/c.sh", "/x/d.sh"]])

    def test_every_script_once(self):
        scripts = [f"/x/s{i}.sh" for i in range(7)]
        groups = cvcheck.split(scripts, 3, {})
        self.assertEqual(len(groups), 3)
        self.assertEqual(sorted(sum(groups, [])), scripts)

    def test_no_empty_boot(self):
        self.assertEqual(cvcheck.split(["/x/a.sh"], 2, {}), [["/x/a.sh"]])

    def test_own_boot_kept_apart(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        paths = []
        for name, own in (("a", False), ("b", True), ("c", False)):
            paths.append(os.path.join(d, name + ".sh"))
            with open(paths[-1], "w") as f:
                f.write("# cv-boot: own\n" if own else "true\n")
        self.assertEqual(cvcheck.boot_groups(paths, 2, {}),
                         [[paths[0]], [paths[2]], [paths[1]]])


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(HERE, "..", "tap"))
    import tap
    tap.main()
