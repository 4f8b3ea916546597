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


if __name__ == "__main__":
    unittest.main(verbosity=2)
