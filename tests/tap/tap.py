# SPDX-License-Identifier: GPL-2.0-only
"""TAP for the Python tests.

Two ways in, one output format:
- unittest cases: `tap.main()` runs the calling module's TestCases and
  reports each as one line named by its docstring (the behaviour it
  asserts), or by its method name when it has none;
- scripts that check as they go: `t = tap.Tap(); t.ok(cond, what);
  t.diag(text); sys.exit(t.done())`.
A test that raises unittest.SkipTest is reported with a SKIP directive;
meson counts it as passed.
"""
import sys
import unittest


class Tap:
    """Numbered ok/not ok lines; the plan comes last."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.run = 0
        self.failed = 0

    def ok(self, cond, what, directive=''):
        self.run += 1
        self.failed += not cond
        print('%sok %d - %s%s' % ('' if cond else 'not ', self.run, what,
                                  ' # ' + directive if directive else ''), file=self.out)
        self.out.flush()
        return cond

    def diag(self, text):
        for line in str(text).rstrip('\n').split('\n'):
            print('# ' + line, file=self.out)

    def done(self):
        print('1..%d' % self.run, file=self.out)
        return 1 if self.failed else 0


def _name(test):
    doc = test.shortDescription()
    method = test.id().rsplit('.', 2)[-2:]
    return '%s: %s' % ('.'.join(method), doc) if doc else '.'.join(method)


class TapResult(unittest.TestResult):
    """A unittest result that prints each case as it ends."""

    def __init__(self, tap):
        super().__init__()
        self.tap = tap

    def addSuccess(self, test):
        super().addSuccess(test)
        self.tap.ok(True, _name(test))

    def _bad(self, test, err):
        self.tap.ok(False, _name(test))
        self.tap.diag(self._exc_info_to_string(err, test))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._bad(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        if isinstance(test, unittest.suite._ErrorHolder):
            self.tap.ok(False, str(test))
            self.tap.diag(self._exc_info_to_string(err, test))
        else:
            self._bad(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.tap.ok(True, _name(test), 'SKIP ' + reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.tap.ok(True, _name(test), 'TODO expected failure')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.tap.ok(False, _name(test) + ' (expected to fail, passed)')


def main(module='__main__'):
    """Run the module's TestCases (or those named on the command line) as TAP; exit with the verdict."""
    loader = unittest.defaultTestLoader
    mod = sys.modules[module]
    names = sys.argv[1:]
    suite = loader.loadTestsFromNames(names, mod) if names else loader.loadTestsFromModule(mod)
    tap = Tap()
    result = TapResult(tap)
    suite.run(result)
    sys.exit(tap.done())
