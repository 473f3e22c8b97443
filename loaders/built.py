"""The folders (and files) that builds read, kept in the data directory, so that only
they are read again later.

An article's stored ``path`` says where its text came from, but a store can be
written from claims files (``minegraph load``), which name any path they like: a
claims file saying ``/etc/passwd`` must not make the workbench show that file, nor a
curation re-read ingest it.  So whatever reads an article again after its build (the
workbench's Articles view, :mod:`minegraph.loaders.reapply`) reads a file only when it
lies inside a folder a ``build`` was given (or is a file a build was given), symbolic
links resolved first; a fetched page comes from the build's page cache only.  The
list is ``DB/sources/built.json``: a JSON list of absolute paths.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from minegraph.loaders.documents import DocumentError

FILE_NAME = "built.json"
_EXPORT_ROW = re.compile(r"(?P<file>.+)#[1-9]\d*\Z", re.DOTALL)


class BuiltFolders:
    """The paths builds of one data directory were given (``DB/sources/built.json``)."""

    def __init__(self, db_dir: str | os.PathLike[str]) -> None:
        self.path = Path(db_dir) / "sources" / FILE_NAME
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = []
        except (OSError, ValueError, RecursionError):
            raise DocumentError(f"{self.path}: cannot read the list of built folders; fix or delete the file") \
                from None
        if not isinstance(raw, list) or not all(isinstance(p, str) and os.path.isabs(p) for p in raw):
            raise DocumentError(f"{self.path}: not a list of built folders (absolute paths); fix or delete the file")
        self.roots = [Path(p) for p in raw]

    def add(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        """Record the files and folders a build was given (resolved), and save."""
        known = set(self.roots)
        for raw in paths:
            try:
                root = Path(raw).resolve(strict=True)
            except OSError:
                continue
            if root not in known:
                self.roots.append(root)
                known.add(root)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".built-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(sorted(str(r) for r in self.roots), out, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def allows(self, path: str) -> bool:
        """Whether ``path`` (a stored article path: a file, ``FILE#ROW``, or a URL) may be
        read again: a URL always (from the page cache only, the reader's business), a
        file only when it is, after resolving links, inside a built folder or a built file."""
        if "://" in path:
            return True
        file = row["file"] if (row := _EXPORT_ROW.fullmatch(path)) and not Path(path).exists() else path
        try:
            real = Path(file).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return False
        return any(real == root or real.is_relative_to(root) for root in self.roots)
