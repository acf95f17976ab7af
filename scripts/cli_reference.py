"""Regenerate the README's command reference from the CLI's own --help output.

Run `python scripts/cli_reference.py` after changing a command; `tests/test_readme.py`
fails while the README and the help text disagree.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = "88"


def command_paths() -> Iterator[list[str]]:
    """Every command path, root first, in the order --help lists them."""
    import typer.main

    from attachjournal.cli import app

    root = typer.main.get_command(app)

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        commands = getattr(command, "commands", None)
        if commands:
            for name, sub in commands.items():
                if not getattr(sub, "hidden", False):
                    yield from walk(sub, [*path, name])

    yield from walk(root, [])


def help_text(path: list[str]) -> str:
    from typer.testing import CliRunner

    from attachjournal.cli import app

    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": WIDTH, "TERMINAL_WIDTH": WIDTH}
    )
    if result.exit_code != 0:
        raise SystemExit(f"--help failed for {' '.join(path) or 'the root'}: {result.output}")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    return "\n".join(lines).strip("\n")


def reference() -> str:
    os.environ["COLUMNS"] = WIDTH
    parts = []
    for path in command_paths():
        title = " ".join(["attachjournal", *path])
        parts.append(f"### `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def replace_section(readme: str, body: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {START} ... {END} section")
    return pattern.sub(lambda _: f"{START}\n\n{body}\n{END}", readme)


def main() -> None:
    updated = replace_section(README.read_text(encoding="utf-8"), reference())
    if "--check" in sys.argv:
        if updated != README.read_text(encoding="utf-8"):
            raise SystemExit(
                "README.md's command reference is out of date; run scripts/cli_reference.py"
            )
        return
    README.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
