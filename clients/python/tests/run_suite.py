"""Runs every test under tests/ with unittest and writes one JSON line per test to the report file given.

Usage (from clients/python): python3 tests/run_suite.py REPORT.json
Exit status 0 only if every test passed and none was skipped. npm test runs this through python-tests.test.ts.
"""

import json
import os
import sys
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class RecordingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []
        self._started = 0.0

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def _record(self, test, outcome, detail=""):
        self.records.append({"id": test.id(), "outcome": outcome, "detail": detail, "seconds": round(time.monotonic() - self._started, 3)})

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failed", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "failed", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "failed", "expected failures are not allowed here")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "failed", "unexpected success")


def main(report_path: str) -> int:
    os.chdir(ROOT)
    sys.path.insert(0, ROOT)
    suite = unittest.defaultTestLoader.discover("tests", top_level_dir=ROOT)
    result = unittest.TextTestRunner(resultclass=RecordingResult, verbosity=1).run(suite)
    with open(report_path, "w", encoding="utf-8") as report:
        for record in result.records:
            report.write(json.dumps(record) + "\n")
    return 0 if result.wasSuccessful() and not result.skipped else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
