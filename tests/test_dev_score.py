"""The dev set scored with the shared scorer: the extraction quality bar."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.export import to_node_link
from loaders.documents import Document, read_documents
from loaders.pipeline import build_graph

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"


@pytest.mark.skipif(
    not SCORER.exists() or not (DEV / "docs").is_dir(),
    reason=f"shared evaluation set not found at {SHARED / 'eval'} (it lives beside the repo)",
)
def test_dev_set_score(tmp_path):
    docs = [d for d in read_documents([DEV / "docs"]) if isinstance(d, Document)]
    graph = build_graph(docs)
    out = tmp_path / "dev.json"
    out.write_text(json.dumps(to_node_link(graph), default=str))
    result = subprocess.run(
        [sys.executable, str(SCORER), str(out), str(DEV / "gold"), "-v"], capture_output=True, text=True, check=True
    )
    summary = result.stdout.strip().splitlines()[-1]
    scores = dict(re.findall(r"(\w+)=([\d.]+)", summary))
    assert float(scores["entity_f1"]) >= 0.92, result.stdout
    assert float(scores["relation_f1"]) >= 0.80, result.stdout
