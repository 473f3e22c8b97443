"""What the Neo4j path does without a server: a clear error, never the password."""

from __future__ import annotations

import pytest

from graph.store import StoreUnavailableError, open_store


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreUnavailableError, match="cannot reach Neo4j at bolt://127.0.0.1:9") as info:
        open_store(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="s3cret-pw")
    assert "s3cret-pw" not in str(info.value)
