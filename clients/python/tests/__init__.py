"""Tests of the signing core and the MLflow plugin, run without MLflow (see run_suite.py)."""

import os
import sys

# The package under test is imported from the checkout, not from an installed copy.
_SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)
