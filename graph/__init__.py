"""minegraph's property graph: ontology, stores, analytics, map and CLI."""

__version__ = "0.1.0"
