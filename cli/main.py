"""The ``minegraph`` command line: parse, call one library function, print.

Results go to stdout, progress and notes to stderr.  Errors a user can cause print one
``Error: ...`` line and exit 1; misuse of the command line exits 2.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

# the command modules add their commands to the root group when imported
from minegraph.cli import analysis, curation, ingest, serving  # noqa: F401
from minegraph.cli.base import cli, terminal_safe
from minegraph.cli.serving import compose_workbench

__all__ = ["cli", "compose_workbench", "main"]


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # the same clean stop (and Error: line) as Ctrl-C


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    for number, arg in enumerate(sys.argv[1:], start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept by Python as lone surrogates
            shown = terminal_safe(os.fsencode(arg).decode("utf-8", errors="replace"))
            click.echo(f"Error: argument {number} ({shown!r}) is not valid UTF-8; minegraph reads its arguments as "
                       "UTF-8 text (rename the file, or give the text in UTF-8)", err=True)
            sys.exit(1)
    cli(prog_name="minegraph")


if __name__ == "__main__":
    main()
