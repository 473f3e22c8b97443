"""Source documents -> graph: reading, entity and relation extraction, resolution."""
