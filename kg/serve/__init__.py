"""The SPARQL server: a Flask app over the read-only store, safe to expose on a public port.

`create_app` (kg.serve.app) builds the app; `kg serve` and `server.py` run it under waitress
(kg.serve.run). Queries run in killable executor processes (kg.serve.pool), so a hard time limit
holds even though the engine cannot cancel a query from Python.
"""
