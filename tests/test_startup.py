"""Start-up speed work that must not change behaviour: the help renderer's stand-ins."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROBE = """
import sys
from attachjournal.cli import load_help_renderer
load_help_renderer()
import typer.rich_utils
leaked = [n for n in ("rich.markdown", "rich.traceback") if n in sys.modules]
from rich.markdown import Markdown
from rich.console import Console
console = Console(width=40, force_terminal=False)
with console.capture() as capture:
    console.print(typer.rich_utils.Markdown("**bold** text"))
print(leaked, Markdown.__module__, capture.get().strip())
"""


def test_help_renderer_loads_without_unused_rich_modules(script_env) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=script_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Nothing is left behind, later imports get the real module, and the stand-in Typer
    # holds still renders through the real class if it is ever used.
    assert result.stdout.strip() == "[] rich.markdown bold text"


def test_help_output_is_unchanged_by_the_stand_ins(script_env) -> None:
    plain = subprocess.run(
        [sys.executable, "-c", "from attachjournal.cli import run; run()", "write", "--help"],
        env={**script_env, "COLUMNS": "90"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    eager = subprocess.run(
        [
            sys.executable,
            "-c",
            "import typer.rich_utils; from attachjournal.cli import run; run()",
            "write",
            "--help",
        ],
        env={**script_env, "COLUMNS": "90"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert plain.returncode == eager.returncode == 0
    assert plain.stdout == eager.stdout and "Write a quick entry" in plain.stdout
