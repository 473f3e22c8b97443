#!/usr/bin/env bash
# Install what the tests need and run them: a virtualenv with minegraph and its dev
# extras (the test tools, ruff and mypy) and dask (the cluster test), Debian's Chromium for the map's browser tests
# (installed when missing and we are allowed to), and a Neo4j test server
# (tests/neo4j/server.sh) when java and mvn are present, stopped again whatever the
# outcome.  The gate runs in order and stops at the first failure: ruff, mypy over the
# minegraph namespace (tests/typecheck.sh), then pytest.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "chromium could not be installed; the browser tests will be skipped" >&2
fi
python3 -m venv .venv
# the dask extra: the cluster test (tests/test_distributed.py) runs in CI, not only where Dask happens to be
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev,dask]'
.venv/bin/ruff check --quiet .
bash tests/typecheck.sh

if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
  neo4j_dir="$(mktemp -d "${TMPDIR:-/tmp}/minegraph-neo4j.XXXXXX")"
  trap 'bash tests/neo4j/server.sh stop "$neo4j_dir" || true; rm -rf "$neo4j_dir"' EXIT
  connection="$(bash tests/neo4j/server.sh start "$neo4j_dir")"
  while IFS= read -r line; do export "${line?}"; done <<<"$connection"
  # with a server at hand, a test that cannot reach it fails instead of skipping
  export MINEGRAPH_REQUIRE_NEO4J=1
else
  echo "java and mvn are not both installed: the Neo4j tests will be skipped" >&2
  # in CI the Neo4j tests must run
  if [ "${CI:-}" = true ]; then export MINEGRAPH_REQUIRE_NEO4J=1; fi
fi
.venv/bin/python -m pytest "$@"
