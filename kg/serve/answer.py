"""Turn a Job into an HTTP response: run it in the executor pool and map every outcome to a status.

Only a complete answer becomes a 200: the executor serialises the whole body before sending it,
so a query stopped by the time limit can only ever produce a 504, never a cut-off 200.
"""

from __future__ import annotations

from flask import Response, abort, current_app
from werkzeug.exceptions import ServiceUnavailable

from kg.serve.config import ServeConfig
from kg.serve.headers import vary
from kg.serve.jobs import Job, Outcome
from kg.serve.pool import ExecutorCrashed, ExecutorPool, PoolBusy, QueryTimeout

TRUNCATED = "X-Result-Truncated"
ROW_CAP = "X-Result-Row-Cap"


def answer(job: Job) -> Response:
    """The response to `job`: its results, or the error that stopped it."""
    outcome = outcome_of(job)
    response = Response(outcome.body, mimetype=outcome.media_type)
    response.headers[TRUNCATED] = "true" if outcome.truncated else "false"
    response.headers[ROW_CAP] = str(job.row_cap)
    vary(response, "Accept")
    return response


def outcome_of(job: Job) -> Outcome:
    """The executor's complete answer to `job`, for routes that build their own response from it;
    anything but a 200 is raised as the HTTP error that stopped it."""
    config: ServeConfig = current_app.extensions["kg.config"]
    pool: ExecutorPool = current_app.extensions["kg.pool"]
    try:
        outcome = pool.run(job, config.timeout)
    except QueryTimeout:
        abort(504, f"The query ran longer than this endpoint's limit of {config.timeout:g} s and was "
                   "stopped. Narrow it (more specific patterns, a LIMIT) and try again.")
    except PoolBusy:
        raise ServiceUnavailable(f"Every query executor stayed busy for {config.timeout:g} s; "
                                 "try again shortly.", retry_after=5) from None
    except ExecutorCrashed:
        abort(500, "The query executor died while answering (it may have run out of memory or stack); "
                   "it has been replaced.")
    if outcome.status != 200:
        abort(outcome.status, outcome.message)
    return outcome
