"""A thin stand-in for the MLflow client's path to the tracking server, for local mode's Python end-to-end test.

MLflow cannot be installed here (no PyPI). These modules keep MLflow's module paths, names and request shapes for
what the test exercises and nothing else; local/test/python/README.md lists what each imitates and from which
MLflow source file. They are written for this test, not copied from MLflow.
"""
