"""Where the graph's IRIs live on this server, both ways, and how pages link to any IRI.

The w3id base redirects the path after https://w3id.org/cn-trade-kg/ to this server unchanged, so
the request path /id/place/CN-HN stands for the IRI BASE + id/place/CN-HN, and a page links to a
resource of the graph by that path (it works on any host, and under the w3id redirect).
"""

from __future__ import annotations

from urllib.parse import quote

from kg.emit.iris import BASE, PREFIXES

SERVED = ("id/", "graph/", "ontology")     # the parts of the base this server dereferences
LINKABLE_SCHEMES = ("http://", "https://")  # never javascript: or data: from the graph in an href
_NAMESPACES = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def iri_of(path: str) -> str:
    """The IRI a request path (without its leading slash) stands for."""
    return BASE + path


def local_path(iri: str) -> str | None:
    """The path on this server that dereferences `iri`, or None when the IRI is not one of ours."""
    if not iri.startswith(BASE):
        return None
    rest, hash_, fragment = iri[len(BASE):].partition("#")
    if not rest.startswith(SERVED):
        return None
    return "/" + quote(rest, safe=_PATH_SAFE) + hash_ + quote(fragment, safe=_PATH_SAFE)


def href(iri: str) -> str | None:
    """Where a page links `iri`: its path here, the IRI itself for other web IRIs, else nowhere."""
    local = local_path(iri)
    if local is not None:
        return local
    return iri if iri.startswith(LINKABLE_SCHEMES) else None


def compact(iri: str) -> str:
    """`prefix:local` with the project's prefixes (the longest namespace wins), `id/…` for the
    graph's other IRIs, else the IRI."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri.removeprefix(BASE) if iri.startswith(BASE + "id/") else iri
