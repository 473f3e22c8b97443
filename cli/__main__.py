"""``python -m minegraph.cli``: the same as the ``minegraph`` command."""

from minegraph.cli.main import main

main()
