"""Reading source articles (bytes, front matter, HTML or plain text) into `Document`s."""

from kg.read.document import ReadError, read_document

__all__ = ["ReadError", "read_document"]
