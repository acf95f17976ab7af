"""The README's command reference is generated from --help and must stay true."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import typer.main

from attachjournal.cli import app

ROOT = Path(__file__).resolve().parent.parent


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["cli_reference"] = module
    spec.loader.exec_module(module)
    return module


def test_readme_command_reference_matches_help() -> None:
    generator = load_generator()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert generator.replace_section(readme, generator.reference()) == readme, (
        "README.md is out of date: run `python scripts/cli_reference.py`"
    )


def test_every_command_has_help_text() -> None:
    root = typer.main.get_command(app)

    def walk(command, path):
        assert (command.help or "").strip(), f"{' '.join(path) or 'root'} has no help text"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(root, [])


def test_readme_has_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pipx install" in readme or "python3 -m venv" in readme
    assert ".[test]" in readme or "'.[test" in readme
