"""The installed `attachjournal` console script, run as a person would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attachjournal import __version__

SCRIPT = Path(sys.executable).with_name("attachjournal")

pytestmark = pytest.mark.slow


def script(
    *args: str, env: dict[str, str], input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], input=input, env=env, capture_output=True, text=True, timeout=60
    )


def test_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"install the project first: {SCRIPT} is missing"


def test_version_and_help(script_env) -> None:
    version = script("--version", env=script_env)
    assert (version.returncode, version.stdout.strip()) == (0, f"attachjournal {__version__}")
    helped = script("--help", env=script_env)
    assert helped.returncode == 0 and "write" in helped.stdout


def test_write_list_roundtrip_and_private_files(script_env, journal_home: Path) -> None:
    written = script(
        "write",
        "--style",
        "anxious",
        "--person",
        "Sam",
        "--anxiety",
        "7",
        env=script_env,
        input="Felt uneasy when the reply took hours.\n",
    )
    assert written.returncode == 0, written.stderr
    listed = json.loads(script("list", "--json", env=script_env).stdout)
    assert listed[0]["text"] == "Felt uneasy when the reply took hours."
    db = journal_home / "journal.db"
    assert db.stat().st_mode & 0o777 == 0o600
    assert journal_home.stat().st_mode & 0o777 == 0o700


def test_bad_style_is_exit_2_without_traceback(script_env) -> None:
    result = script("write", "--style", "sideways", env=script_env, input="x")
    assert result.returncode == 2
    assert result.stderr.startswith("Error:") and "Traceback" not in result.stderr


def test_no_command_without_terminal_prints_help(script_env) -> None:
    result = script(env=script_env, input="")
    assert result.returncode == 0 and "Usage" in result.stdout


PROBE = """
import sys
sys.argv = ["attachjournal", *{args!r}]
from attachjournal.entry import main
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("sqlmodel", "sqlalchemy", "questionary", "prompt_toolkit") if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["write", "--help"],
        ["list", "--help"],
        ["prompts", "list"],
        ["prompts", "show", "thought-record"],
        ["prompts", "check"],
        ["learn"],
        ["learn", "fearful"],
    ],
)
def test_help_and_version_do_not_import_heavy_modules(args, script_env) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        env=script_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "HEAVY=\n" in result.stderr, result.stderr
