"""The ``minegraph`` command line, the composition root: the only code that imports
:mod:`minegraph.graph`, :mod:`minegraph.loaders` and :mod:`minegraph.workbench` together
and reads the environment.  Commands are in :mod:`minegraph.cli.main`."""
