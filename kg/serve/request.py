"""The app's request class: what every query request parses, parsed once per distinct text.

A SPARQL GET carries the whole percent-encoded query in its URL. Decoding it (urllib's unquote,
byte by byte in Python) and building the base IRI (werkzeug's get_current_url re-quotes the
path) were together about a seventh of the web process's work for a small query. Clients send
the same URLs again and again, so both are remembered; the parameters are an immutable mapping,
so one parse can be shared by many requests.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import flask
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.sansio.utils import get_current_url
from werkzeug.utils import cached_property

from kg.serve.memo import for_short_texts


class Request(flask.Request):
    @cached_property
    def args(self) -> ImmutableMultiDict[str, str]:  # type: ignore[override]
        """The URL parameters, decoded as werkzeug does (invalid bytes stay percent-encoded)."""
        return _parameters(self.query_string)

    @cached_property
    def base_url(self) -> str:
        """The request's URL without the query string (the base IRI of its query)."""
        return _current_url(self.scheme, self.host, self.root_path, self.path)


@for_short_texts
def _parameters(query_string: bytes) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(parse_qsl(query_string.decode(), keep_blank_values=True, errors="werkzeug.url_quote"))


_current_url = for_short_texts(get_current_url)
