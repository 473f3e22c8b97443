"""Build N web pages from a news site on loopback (issue 12's timing), twice: fetched, then
from the data directory's cache.

    python -m bench.ingest_pages /tmp/ingest-db -n 100

The pages are ``bench.generate`` articles wrapped in the heavy furniture of
``tests/sources_site.py``; ``--fetch-delay 0`` because the server is local.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import article
from tests.sources_site import Site, page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("-n", type=int, default=100)
    args = parser.parse_args()
    with Site() as site:
        urls = []
        for i in range(args.n):
            _, text = article(7, i)
            head, _, body = text.partition("\n")
            urls.append(site.add(f"/news/story-{i}.html", page(head, body.replace("\n", " "))))
        links = Path(f"{args.db}-links.txt")
        links.write_text("\n".join(urls) + "\n")
        for run in ("fetched", "from the cache"):
            start = time.monotonic()
            out = subprocess.run([sys.executable, "-m", "minegraph.cli", "build", "--urls-from", str(links),
                                  "--db", args.db, "--fetch-delay", "0"], capture_output=True, text=True)
            print(f"{run}: {time.monotonic() - start:.1f} s  {out.stdout.strip()}")
        print(f"requests served: {sum(site.hits.values())}")


if __name__ == "__main__":
    main()
