"""Extraction cost of over-long lines: a flattened table, a tag cloud, text with no full stop.

    python -m bench.longlines                    # lines of 1k, 10k and 100k words
    python -m bench.longlines --words 1000,5000

Each line is generated news prose (the benchmark generator's articles) with every
sentence end turned into a comma and every line break into a space, so the whole line
is one sentence of ordinary density in names, countries and minerals.  The table gives
the seconds of ``extract_graph`` and the cost per word against the 1k-word line: linear
extraction keeps the ratio near 1.  Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import re
import time

from bench.generate import DEFAULT_SEED, article
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def long_line(words: int, seed: int = DEFAULT_SEED) -> str:
    """About ``words`` words of generated prose on one line, without a full stop."""
    out: list[str] = []
    count, index = 0, 0
    while count < words:
        _title, body = article(seed, index)
        index += 1
        flat = re.sub(r"[.!?](?=\s|$)", ",", body.replace("\n", " "))
        for w in flat.split():
            out.append(w)
            count += 1
            if count >= words:
                break
    return " ".join(out)


def measure(words: int) -> tuple[float, int, int]:
    """(seconds, nodes, relationships) of extracting one line of ``words`` words."""
    doc = Document(f"long-{words}", f"long-{words}.txt", long_line(words), "0" * 64, None, None, None, "utf-8")
    start = time.process_time()
    graph = extract_graph(doc)
    return time.process_time() - start, len(graph.nodes), len(graph.relationships)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time extraction of lines of 1k-100k words without a full stop.")
    parser.add_argument("--words", default="1000,10000,100000", help="comma-separated line lengths in words")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.words.split(",") if s.strip()]
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'words':>8} {'CPU s':>9} {'µs/word':>9} {'ratio':>7} {'nodes':>7} {'rels':>7}")
    measure(200)  # load the reference data and compile the patterns first
    base = None
    for n in sizes:
        seconds, nodes, rels = measure(n)
        per_word = seconds / n
        base = base or per_word
        print(f"{n:>8} {seconds:>9.3f} {per_word * 1e6:>9.1f} {per_word / base:>7.2f} {nodes:>7} {rels:>7}")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
