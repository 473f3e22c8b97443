"""Running the real ``minegraph`` command in-process, and reading its one ``Error:`` line."""

from __future__ import annotations

from click.testing import CliRunner

from minegraph.cli.main import cli


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def error_line(result) -> str:
    """The one ``Error:`` line of a failed command (and nothing else on stderr)."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    return lines[0]
