"""kg: trade figures in Chinese and English prose become RDF observations with provenance."""

__version__ = "0.1.0"
