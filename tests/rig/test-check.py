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
# What tests/check tells its user would read as stray lines in this TAP.
cvcheck.log = lambda msg, out=None: None


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


class RigSelftest(unittest.TestCase):
    """The rig's verdict on its own run of a failing out-of-tree scenario."""

    GOOD = ("ok 1 - ran from outside the tree, as root under systemd\n"
            "# run: rig-selftest: the scenario exited with status 3\n")

    def judge(self, row, rc, output):
        with tempfile.TemporaryFile("w+") as out:
            verdict = cvcheck.rig_selftest(row, rc, output, out)
            out.seek(0)
            lines = out.read().splitlines()
        self.assertEqual(len(lines), 4)
        return verdict

    def test_right_run_passes(self):
        self.assertEqual(self.judge({"passed": 1, "failed": 2}, 1, self.GOOD), (4, 0))

    def test_run_exiting_zero_fails(self):
        self.assertEqual(self.judge({"passed": 1, "failed": 2}, 0, self.GOOD), (3, 1))

    def test_unplanned_test_not_counted_fails(self):
        """the test that never ran must count as failed"""
        self.assertEqual(self.judge({"passed": 1, "failed": 1}, 1, self.GOOD), (3, 1))

    def test_no_row_status_or_run_fails(self):
        self.assertEqual(self.judge(None, 1, ""), (1, 3))

    def test_in_a_boot(self):
        """scenarios() hands the self-test's row, run's status and output to the judge"""
        def fake_run(cmd, **kw):
            with open(cmd[cmd.index("--results") + 1], "w") as f:
                json.dump({"scenarios": [{"name": "a", "passed": 2, "failed": 0},
                                         {"name": "rig-selftest", "passed": 1, "failed": 2}]}, f)
            kw["stdout"].write(self.GOOD)
            return subprocess.CompletedProcess(cmd, 1)
        with tempfile.NamedTemporaryFile("w") as out, \
                mock.patch.object(cvcheck.subprocess, "run", fake_run):
            rows = cvcheck.scenarios(["/x/a.sh", "/tmp/y/rig-selftest.sh"], out)
        self.assertEqual([r[:3] for r in rows], [("a.sh", 2, 0), ("rig-selftest.sh", 4, 0)])


class Plan(unittest.TestCase):
    """How make check lays its jobs out in lanes that run side by side."""

    def scripts(self, **markers):
        """Scenario files NAME.sh in a temporary directory, with the marker
        line "# cv-boot: MARKER" where one is given ('' for none)."""
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        paths = {}
        for name, marker in markers.items():
            paths[name] = os.path.join(d, name + ".sh")
            with open(paths[name], "w") as f:
                f.write("# cv-boot: %s\n" % marker if marker else "true\n")
        return paths

    def test_shared_scenarios_balanced_by_last_seconds(self):
        """the shared scenarios are split by the seconds they took last time, longest first"""
        p = self.scripts(a="", b="", c="", d="")
        lanes = cvcheck.plan([], list(p.values()), 2, {"a": 300, "b": 100, "c": 150, "d": 60})
        self.assertEqual(lanes, [([], [p["a"]]), ([], [p["b"], p["c"], p["d"]])])

    def test_fixed_jobs_count_towards_their_lane(self):
        """the host tests and the demo session weigh on the lanes they run in"""
        p = self.scripts(a="", b="", c="")
        lanes = cvcheck.plan([("@host-tests", "host"), ("@demo-session", "demo")],
                             list(p.values()), 2,
                             {"@host-tests": 200, "@demo-session": 80, "a": 300, "b": 250, "c": 90})
        # host 200 | demo 80; a (300 + a boot) to demo's lane: 440; b (250 + a
        # boot) to the host's: 510; c to demo's: 530
        self.assertEqual(lanes, [(["host"], [p["b"]]), (["demo"], [p["a"], p["c"]])])

    def test_reboots_spread_and_last(self):
        """scenarios that leave a reboot behind go one to a boot, each last in it"""
        p = self.scripts(a="last", b="last", c="", d="", e="")
        lanes = cvcheck.plan([], list(p.values()), 2,
                             {"a": 10, "b": 10, "c": 100, "d": 100, "e": 100})
        self.assertEqual(sorted(s for _, s in lanes),
                         [[p["c"], p["e"], p["a"]], [p["d"], p["b"]]])

    def test_boot_units_first(self):
        """a scenario that wants units enabled at boot comes first in its boot"""
        p = self.scripts(a="", b="enable x.service y.service", c="last")
        lanes = cvcheck.plan([], list(p.values()), 1, {})
        self.assertEqual(lanes, [([], [p["b"], p["a"], p["c"]])])

    def test_rig_selftest_after_the_product(self):
        """the rig's self-test runs after the product's scenarios of its boot"""
        p = self.scripts(a="", c="last", z="")
        rig = os.path.join(os.path.dirname(p["a"]), "rig-selftest.sh")
        open(rig, "w").close()
        lanes = cvcheck.plan([], [rig] + list(p.values()), 1, {})
        self.assertEqual(lanes, [([], [p["a"], p["z"], rig, p["c"]])])

    def test_every_script_once(self):
        """every scenario runs, in exactly one lane"""
        p = self.scripts(**{f"s{i}": "" for i in range(7)})
        lanes = cvcheck.plan([], list(p.values()), 3, {})
        self.assertEqual(len(lanes), 3)
        self.assertEqual(sorted(sum((s for _, s in lanes), [])), sorted(p.values()))

    def test_no_empty_lane(self):
        """a lane with nothing to do is left out"""
        p = self.scripts(a="")
        self.assertEqual(cvcheck.plan([], [p["a"]], 2, {}), [([], [p["a"]])])

    def test_markers(self):
        """cv-boot: own asks for a boot of its own, cv-boot: last for the end of one"""
        p = self.scripts(a="", b="own", c="last")
        self.assertEqual([cvcheck.wants_own_boot(p[n]) for n in "abc"], [False, True, False])
        self.assertEqual([cvcheck.leaves_reboot(p[n]) for n in "abc"], [False, False, True])
        self.assertFalse(cvcheck.enables_at_boot(p["a"]))


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(HERE, "..", "tap"))
    import tap
    tap.main()
