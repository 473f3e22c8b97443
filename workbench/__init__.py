"""``minegraph serve``: a local web workbench over the store (map, Cypher console,
partners, articles, curation).  See :mod:`minegraph.workbench.app`."""
