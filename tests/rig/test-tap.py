#!/usr/bin/python3
"""Unit tests of the QEMU harness's TAP accounting (tests/qemu/run)."""

import importlib.machinery
import importlib.util
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "..", "qemu", "run")
loader = importlib.machinery.SourceFileLoader("cvrun", RUN)
spec = importlib.util.spec_from_loader("cvrun", loader)
cvrun = importlib.util.module_from_spec(spec)
loader.exec_module(cvrun)


def feed(*lines):
    tap = cvrun.TapState()
    for line in lines:
        tap.feed(line)
    return tap


class Verdict(unittest.TestCase):
    def test_all_passed(self):
        tap = feed("1..2", "ok 1 - a", "ok 2 - b", "# cv-test-exit 0")
        self.assertEqual(cvrun.verdict(tap, True, 10), (0, []))
        self.assertEqual(tap.passed, 2)

    def test_failed_line_counts(self):
        tap = feed("1..2", "ok 1 - a", "not ok 2 - b", "# cv-test-exit 0")
        self.assertEqual(cvrun.verdict(tap, True, 10)[0], 1)

    def test_missing_planned_tests_fail(self):
        tap = feed("1..5", "ok 1 - a", "# cv-test-exit 0")
        failed, problems = cvrun.verdict(tap, True, 10)
        self.assertEqual(failed, 4)
        self.assertIn("4 planned tests did not run", problems)

    def test_more_tests_than_planned_fail(self):
        tap = feed("1..1", "ok 1 - a", "ok 2 - b", "# cv-test-exit 0")
        failed, problems = cvrun.verdict(tap, True, 10)
        self.assertEqual(failed, 1)
        self.assertIn("2 tests ran, 1 planned", problems)

    def test_nonzero_exit_fails_even_if_all_ok(self):
        tap = feed("1..1", "ok 1 - a", "# cv-test-exit 3")
        failed, problems = cvrun.verdict(tap, True, 10)
        self.assertEqual(failed, 1)
        self.assertIn("the scenario exited with status 3", problems)

    def test_timeout_fails(self):
        tap = feed("1..1", "ok 1 - a")
        failed, problems = cvrun.verdict(tap, False, 10)
        self.assertEqual(failed, 1)
        self.assertIn("the guest did not finish within 10 s", problems)

    def test_guest_died_before_end(self):
        tap = feed("1..2", "ok 1 - a")
        failed, problems = cvrun.verdict(tap, True, 10)
        self.assertEqual(failed, 1)
        self.assertIn("the guest stopped before the scenario ended", problems)

    def test_diagnostics_and_noise_ignored(self):
        tap = feed("# ok 7 - not a result", "okay", "ok 1 - real")
        self.assertEqual((tap.passed, tap.failed), (1, 0))

    def test_todo_and_skip_do_not_fail(self):
        tap = feed("1..3", "not ok 1 - gap # TODO issue 4", "ok 2 - x # SKIP no disk",
                   "ok 3 - y", "# cv-test-exit 0")
        self.assertEqual((tap.passed, tap.failed, tap.todo, tap.skipped),
                         (1, 0, 1, 1))
        self.assertEqual(cvrun.verdict(tap, True, 10), (0, []))

    def test_hash_in_description_is_not_a_directive(self):
        tap = feed("not ok 1 - issue #4 is open")
        self.assertEqual(tap.failed, 1)

    def test_second_plan_line_ignored(self):
        # A scenario that reboots prints its plan on the first boot only,
        # but a stray "1..N" later must not reset it.
        tap = feed("1..3", "ok 1 - a", "1..1")
        self.assertEqual(tap.plan, 3)


def boot(names, *lines):
    b = cvrun.Boot(names)
    for line in lines:
        b.feed(line)
    return b


class SharedBoot(unittest.TestCase):
    """Several scenarios in one boot: each is judged on its own lines."""

    def test_split_at_markers(self):
        b = boot(["a", "b"],
                 "# cv-scenario a", "1..1", "ok 1 - x", "# cv-test-exit 0",
                 "# cv-scenario b", "1..2", "ok 1 - y", "not ok 2 - z",
                 "# cv-test-exit 0", "# cv-test-done")
        v = {n: f for n, _, f, _ in cvrun.boot_verdicts(b, True, 10)}
        self.assertEqual(v, {"a": 0, "b": 1})
        self.assertTrue(b.done)

    def test_numbering_restarts_per_scenario(self):
        b = boot(["a", "b"],
                 "# cv-scenario a", "1..1", "ok 1 - x", "# cv-test-exit 0",
                 "# cv-scenario b", "1..1", "ok 1 - y", "# cv-test-exit 0")
        self.assertEqual(b.taps["b"].plan, 1)
        self.assertEqual(b.taps["b"].passed, 1)

    def test_guest_dies_in_second_scenario(self):
        # The first keeps its result; the one that ran fails; the one that
        # never started fails too, rather than vanish from the count.
        b = boot(["a", "b", "c"],
                 "# cv-scenario a", "1..1", "ok 1 - x", "# cv-test-exit 0",
                 "# cv-scenario b", "1..3", "ok 1 - y")
        v = {n: (f, p) for n, _, f, p in cvrun.boot_verdicts(b, True, 10)}
        self.assertEqual(v["a"], (0, []))
        self.assertEqual(v["b"][0], 2)
        self.assertIn("the guest stopped before the scenario ended", v["b"][1])
        self.assertEqual(v["c"][0], 1)
        self.assertIn("the guest stopped before this scenario started",
                      v["c"][1])

    def test_timeout_names_the_scenario_that_hung(self):
        b = boot(["a", "b"],
                 "# cv-scenario a", "1..1", "ok 1 - x", "# cv-test-exit 0",
                 "# cv-scenario b", "1..1")
        v = {n: p for n, _, _, p in cvrun.boot_verdicts(b, False, 10)}
        self.assertEqual(v["a"], [])
        self.assertIn("the guest did not finish within 10 s", v["b"])

    def test_lines_before_the_first_marker_count_for_nobody(self):
        b = boot(["a"], "ok 1 - stray", "# cv-scenario a", "1..1",
                 "ok 1 - x", "# cv-test-exit 0")
        self.assertEqual(b.taps["a"].passed, 1)


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(HERE, "..", "tap"))
    import tap
    tap.main()
