"""The whole build against spaCy's small English NER on the same texts, in CPU-seconds, one run.

    python -m bench.spacy_ratio ../shared/eval/train/docs --spacy-python /tmp/spacyvenv/bin/python

spaCy is not a dependency of the project: it runs in another Python that has it and a small
English model (``en_core_web_sm`` or a package that ships it, found by name). Each round runs
one worker per side, alternating: the build (``loaders.pipeline.build_graph``: sentences,
mentions, entities, relations and resolution across the articles, into one in-memory graph)
and spaCy's ``nlp.pipe`` over the same texts, twice: its full small pipeline, and only the
NER component (the fairer baseline: the fastest spaCy gets to named entities). Each worker
reports the CPU seconds (``resource.getrusage``, all threads) of the work alone, loading and
reading excluded, with one thread for the numeric libraries. Prints articles per CPU-second
and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD = r"""
import json, resource, sys
from pathlib import Path
from minegraph.loaders.pipeline import build_graph
from minegraph.loaders.reader import read_article
docs = [read_article(p) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
build_graph(docs[:1])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t = cpu()
build_graph(docs)
print(json.dumps({"docs": len(docs), "cpu": cpu() - t}))
"""

SPACY = r"""
import importlib, json, pkgutil, resource, sys
from pathlib import Path
import spacy
names = ["en_core_web_sm"] + sorted(m.name for m in pkgutil.iter_modules() if m.name.startswith("en_core_web_sm"))
model = next(n for n in names if importlib.util.find_spec(n) is not None)
nlp = importlib.import_module(model).load()
if sys.argv[2] == "ner":
    nlp.select_pipes(enable=["ner"])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
list(nlp.pipe(texts[:1]))
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t = cpu()
ents = sum(len(d.ents) for d in nlp.pipe(texts))
print(json.dumps({"docs": len(texts), "cpu": cpu() - t, "model": model, "version": spacy.__version__,
                  "pipes": nlp.pipe_names, "ents": ents}))
"""


def _worker(python: str, code: str, *args: str) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([python, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "worker failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path, help="a folder of .txt articles")
    ap.add_argument("--spacy-python", required=True, help="a Python that has spaCy and a small English model")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    docs = str(a.docs.resolve())
    sides = {
        "build": (sys.executable, BUILD),
        "spacy_full": (a.spacy_python, SPACY, "full"),
        "spacy_ner": (a.spacy_python, SPACY, "ner"),
    }
    cpu = dict.fromkeys(sides, 0.0)
    n = dict.fromkeys(sides, 0)
    info: dict = {}
    try:
        for _ in range(a.rounds):
            for name, (python, code, *extra) in sides.items():
                got = _worker(python, code, docs, *extra)
                cpu[name] += got["cpu"]
                n[name] += got["docs"]
                info.setdefault(name, got)
    except (RuntimeError, OSError, StopIteration) as e:
        print(f"Error: a worker failed: {e}")
        return 1
    rate = {k: n[k] / cpu[k] for k in sides}
    sp = info["spacy_full"]
    print(f"spaCy {sp['version']}, model {sp['model']} ({', '.join(sp['pipes'])}), {a.rounds} alternating rounds")
    print(f"build (whole, in memory): {rate['build']:.1f} articles per CPU-second")
    print(f"spaCy full small pipeline: {rate['spacy_full']:.1f} articles per CPU-second")
    print(f"spaCy NER only: {rate['spacy_ner']:.1f} articles per CPU-second")
    print(
        f"ratio build/spaCy: {rate['build'] / rate['spacy_full']:.1f}x (full pipeline), "
        f"{rate['build'] / rate['spacy_ner']:.1f}x (NER only)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
