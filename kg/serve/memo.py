"""Remember the answers of pure functions of request text (query, Accept header) for texts seen before.

Clients repeat themselves: a dashboard or a script sends the same query with the same Accept header
again and again, and reading them again (content negotiation, the lexer's passes, the SERVICE
check's full parse) cost more than the engine takes to answer a small query. Only calls whose text
arguments are short are remembered, so the memory held stays small whatever clients send.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

ENTRIES = 512        # calls remembered per function (least recently used first out)
MAX_CHARS = 8192     # longer text (str or bytes) arguments, together, are not remembered

P = ParamSpec("P")
R = TypeVar("R")


def for_short_texts(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, remembering its result for arguments whose strings are short (all must be hashable)."""
    remembered = lru_cache(maxsize=ENTRIES)(function)

    @wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if not kwargs and sum(len(a) for a in args if isinstance(a, (str, bytes))) <= MAX_CHARS:
            return remembered(*args)  # type: ignore[arg-type]
        return function(*args, **kwargs)

    return call
