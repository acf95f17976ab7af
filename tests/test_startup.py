"""Start-up speed work that must not change behaviour: the help renderer's stand-ins."""

from __future__ import annotations

import json
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


HOMES_PROBE = """
import json
from importlib import import_module
import typer
from attachjournal.cli import COMMAND_MODULES, registered_names
found = {}
for module in COMMAND_MODULES:
    app = typer.Typer()
    import_module(f"attachjournal.commands.{module}").register(app)
    for name in registered_names(app):
        found[name] = module
print(json.dumps(found))
"""


def test_command_homes_name_the_module_that_registers_each_command(script_env) -> None:
    from attachjournal.cli import COMMAND_HOMES

    result = subprocess.run(
        [sys.executable, "-c", HOMES_PROBE],
        env=script_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"write", "list", "info"} <= set(found)
    wrong = {
        name: module for name, module in found.items() if COMMAND_HOMES.get(name, module) != module
    }
    assert not wrong, f"fix COMMAND_HOMES in cli.py: these commands live in {wrong}"


LEAN_PROBE = """
import sys
sys.argv = ["attachjournal", *{args!r}]
from attachjournal.entry import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("attachjournal.commands."))
sys.stderr.write("LOADED=" + ",".join(m for m in loaded if m != "common") + "\\n")
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["write", "--help"], "entries"),
        (["--db", "x.db", "list", "--help"], "entries"),
        (["info", "--help"], "info"),
        (["--help"], None),
    ],
)
def test_running_a_command_imports_only_its_module(args, loaded, script_env) -> None:
    from attachjournal.cli import COMMAND_MODULES

    result = subprocess.run(
        [sys.executable, "-c", LEAN_PROBE.format(args=args)],
        env=script_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    everything = ",".join(sorted(COMMAND_MODULES))
    assert f"LOADED={loaded or everything}\n" in result.stderr, result.stderr
