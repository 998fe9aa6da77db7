"""The Flask app factory: the read-only store behind /sparql, with the guards every route shares."""

from __future__ import annotations

import atexit
from pathlib import Path

from flask import Flask

from kg.serve.audit_page import blueprint as audit_blueprint
from kg.serve.compress import install_gzip
from kg.serve.config import ServeConfig
from kg.serve.cors import install_cors
from kg.serve.dump import blueprint as dump_blueprint
from kg.serve.errors import install_error_pages
from kg.serve.guards import install_guards
from kg.serve.ontology import blueprint as ontology_blueprint
from kg.serve.pool import ExecutorPool
from kg.serve.request import Request
from kg.serve.resources import blueprint as resources_blueprint
from kg.serve.saved import load_saved_queries
from kg.serve.saved_routes import blueprint as saved_blueprint
from kg.serve.sparql import blueprint as sparql_blueprint
from kg.serve.void import blueprint as void_blueprint
from kg.serve.ui import blueprint as ui_blueprint


def create_app(store_path: Path | str, config: ServeConfig | None = None) -> Flask:
    """An app answering queries over the store at `store_path`, which its executors open read-only.

    Starting it starts `config.workers` executor processes (they are killed when the process exits).
    A saved query file that cannot be served raises SavedQueryError before any process starts."""
    config = config or ServeConfig()
    saved = load_saved_queries(config.queries) if config.queries else {}
    app = Flask(__name__)
    app.request_class = Request  # URL parameters and base IRI parsed once per distinct URL
    pool = ExecutorPool(Path(store_path), config.workers)
    atexit.register(pool.close)
    app.extensions["kg.config"] = config
    app.extensions["kg.pool"] = pool
    app.extensions["kg.store"] = Path(store_path)   # /export opens its own read-only handle
    app.extensions["kg.saved"] = saved
    install_guards(app, config.max_request_bytes)
    install_cors(app, config.cors_origins)
    install_gzip(app)
    install_error_pages(app)
    app.register_blueprint(sparql_blueprint)
    app.register_blueprint(saved_blueprint)
    app.register_blueprint(audit_blueprint)
    app.register_blueprint(resources_blueprint)
    app.register_blueprint(ontology_blueprint)
    app.register_blueprint(void_blueprint)
    app.register_blueprint(dump_blueprint)
    app.register_blueprint(ui_blueprint)
    return app
