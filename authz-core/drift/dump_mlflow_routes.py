"""Print the HTTP routes that `mlflow server` (uvicorn) serves, as JSON, for `authz check-routes`.

Meant to run inside the MLflow server image at build time, with the MLflow that the image serves:

    python dump_mlflow_routes.py > mlflow-routes.json

It imports the two apps `mlflow server` runs and serves nothing: the FastAPI app that uvicorn starts
(`mlflow.server.fastapi_app:app`), in route order, and the Flask app mounted inside it (`mlflow.server:app`).
HEAD and OPTIONS are left out: Werkzeug adds them to every rule, the catalogue implies them.
"""

import json
import sys

import mlflow
from mlflow.server import app as flask_app
from mlflow.server.fastapi_app import app as fastapi_app

IMPLIED_METHODS = {"HEAD", "OPTIONS"}


def flask_routes():
    for rule in flask_app.url_map.iter_rules():
        for method in sorted(set(rule.methods or ()) - IMPLIED_METHODS):
            yield {"engine": "flask", "method": method, "path": rule.rule, "endpoint": rule.endpoint}


def fastapi_routes(routes, prefix=""):
    """Routes in the order Starlette tries them; mounts are listed with their sub-app's routes if it has any."""
    for route in routes:
        path = prefix + getattr(route, "path", "")
        methods = getattr(route, "methods", None)
        sub_routes = getattr(getattr(route, "app", None), "routes", None)
        if methods:
            for method in sorted(set(methods) - IMPLIED_METHODS):
                yield {"engine": "fastapi", "method": method, "path": path, "endpoint": route.name}
        elif sub_routes is not None:
            yield from fastapi_routes(sub_routes, path)
        else:
            yield {"engine": "fastapi", "method": None, "path": path, "endpoint": type(route).__name__}


def main():
    dump = {
        "mlflow_version": mlflow.__version__,
        "routes": list(fastapi_routes(fastapi_app.routes)) + list(flask_routes()),
    }
    json.dump(dump, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
