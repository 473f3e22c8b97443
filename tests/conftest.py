"""Shared fixtures: real stores (embedded FalkorDB under tmp_path, and the live Neo4j
test server) and small graphs.

Tests that take ``backend`` (or ``stores`` / ``store``) run once per store.  The Neo4j
server is started once per run: ``tests/run.sh`` starts it and exports NEO4J_URI,
NEO4J_USERNAME and NEO4J_PASSWORD; without those, the first test that needs it starts
one itself with ``tests/neo4j/server.sh`` when java and mvn are installed, and skips
otherwise (a failure instead when MINEGRAPH_REQUIRE_NEO4J=1, as in CI).  A Neo4j server
has one database, so each test starts from an empty one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from minegraph.graph.model import Graph, Node, Relationship
from minegraph.graph.store import Neo4jConfig, StoreConfig, open_store
from tests.hang_guard import (  # noqa: F401 - the hooks of the hard limit on a hung test
    pytest_addoption,
    pytest_configure,
    pytest_runtest_protocol,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "articles"


def claim_graph() -> Graph:
    """A small document graph written for the tests (not extracted)."""
    g = Graph()
    g.add_node(Node("country:cl", "Country", "Chile", ["Chilean"], {"iso2": "CL", "iso3": "CHL"}))
    g.add_node(Node("country:de", "Country", "Germany", [], {"iso2": "DE", "iso3": "DEU"}))
    g.add_node(Node("agency:andes-institute", "Agency", "Andes Mining Institute", ["AMI"], {"kind": "institute"}))
    g.add_node(Node("agreement:cl-de-lithium", "Agreement", "Chile-Germany lithium MOU", [],
                    {"kind": "mou", "status": "signed", "year": 2023}))
    g.add_node(Node("mineral:lithium", "Mineral", "lithium", [], {"symbol": "Li"}))
    for src, rel_type, dst, sentence in [
        ("country:cl", "PARTY_TO", "agreement:cl-de-lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("country:de", "PARTY_TO", "agreement:cl-de-lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("agreement:cl-de-lithium", "COVERS", "mineral:lithium", "Chile and Germany signed an MOU on lithium in 2023."),
        ("agency:andes-institute", "BASED_IN", "country:cl", "The Andes Mining Institute (AMI) of Chile said so."),
        ("country:cl", "HAS_RESOURCE", "mineral:lithium", "Chile holds vast lithium reserves."),
    ]:
        g.add_relationship(Relationship(src, rel_type, dst, {"evidence": [sentence], "confidence": 0.8}))
    return g


@pytest.fixture
def small_graph() -> Graph:
    graph = Graph()
    graph.absorb("doc-a", claim_graph())
    return graph


@pytest.fixture
def db_dir(tmp_path: Path) -> Path:
    return tmp_path / "db"


# --- the Neo4j test server ------------------------------------------------------------

SERVER_SH = REPO / "tests" / "neo4j" / "server.sh"


class Neo4jServer:
    """The live server of this run, and which test data its one database holds."""

    def __init__(self, config: Neo4jConfig) -> None:
        self.config = config
        self.holds: object = None

    def cli_args(self) -> list[str]:
        return ["--neo4j-uri", self.config.uri, "--neo4j-user", self.config.user]

    def clear(self) -> None:
        with open_store(StoreConfig(neo4j=self.config)) as store:
            store.clear()
        self.holds = None


def _neo4j_missing() -> str | None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not installed: no Neo4j test server (see tests/neo4j/server.sh)"
    return None


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """The Neo4j server (from the environment, else started here), or a skip."""
    started: Path | None = None
    if os.environ.get("NEO4J_URI"):
        env = os.environ
    else:
        reason = _neo4j_missing()
        if reason:
            if os.environ.get("MINEGRAPH_REQUIRE_NEO4J") == "1":
                pytest.fail(f"Neo4j is required here (MINEGRAPH_REQUIRE_NEO4J=1): {reason}")
            pytest.skip(reason)
        started = tmp_path_factory.mktemp("neo4j")
        out = subprocess.run(["bash", str(SERVER_SH), "start", str(started)], capture_output=True, text=True,
                             check=False)
        if out.returncode:
            pytest.fail(f"the Neo4j test server did not start: {out.stderr.strip()[-2000:]}")
        env = dict(line.split("=", 1) for line in out.stdout.split())
        os.environ["NEO4J_PASSWORD"] = env["NEO4J_PASSWORD"]  # the CLI (and its subprocesses) read it there
    server = Neo4jServer(Neo4jConfig(env["NEO4J_URI"], env.get("NEO4J_USERNAME", "neo4j"), env["NEO4J_PASSWORD"],
                                     env.get("NEO4J_DATABASE") or None))
    try:
        yield server
    finally:
        if started is not None:
            subprocess.run(["bash", str(SERVER_SH), "stop", str(started)], check=False)


BACKENDS = ["falkordb", "neo4j"]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


class Stores:
    """Named stores of one backend for one test: ``stores("a")`` is a StoreConfig.

    Embedded: a directory per name.  Neo4j: the one database, emptied whenever a
    different name than the last one is asked for (so build-then-reopen under one name
    keeps the data, and a new name starts empty)."""

    def __init__(self, backend: str, root: Path, server: Neo4jServer | None) -> None:
        self.backend = backend
        self.root = root
        self.server = server

    def __call__(self, name: str = "db") -> StoreConfig:
        if self.server is None:
            return StoreConfig(self.root / name)
        if self.server.holds != (self, name):
            self.server.clear()
            self.server.holds = (self, name)
        return StoreConfig(neo4j=self.server.config)

    def cli_args(self, name: str = "db") -> list[str]:
        config = self(name)
        return ["--db", str(config.db_dir)] if self.server is None else self.server.cli_args()


@pytest.fixture
def stores(backend: str, tmp_path: Path, request) -> Stores:
    server = request.getfixturevalue("neo4j_server") if backend == "neo4j" else None
    return Stores(backend, tmp_path, server)  # a new Stores: its names are new, so Neo4j starts empty


@pytest.fixture
def store(stores: Stores):
    with open_store(stores("db")) as s:
        yield s
