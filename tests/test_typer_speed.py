"""Unset and plain-text options skip Typer's pydantic coercion, and behave the same."""

from __future__ import annotations

import subprocess
import sys

import pytest

from attachjournal.typer_speed import install

PROBE = """
import sys
sys.argv = ["attachjournal", *{args!r}]
from attachjournal.entry import main
try:
    main()
except SystemExit as exc:
    sys.stderr.write(f"EXIT={{exc.code}}\\n")
sys.stderr.write("PYDANTIC=" + str("pydantic" in sys.modules) + "\\n")
heavy = ("sqlmodel", "sqlalchemy", "questionary", "prompt_toolkit", "pydantic")
sys.stderr.write("HEAVY=" + ",".join(m for m in heavy if m in sys.modules) + "\\n")
"""


def probe(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stderr


@pytest.mark.slow
def test_a_flow_starts_without_importing_pydantic(script_env) -> None:
    # Fails at the template check, after every option has been processed.
    out = probe(["--db", "j.db", "reflect", "--person", "Sam", "--template", "nope"], script_env)
    assert "EXIT=2" in out and "PYDANTIC=False" in out


@pytest.mark.slow
def test_options_with_parsers_still_go_through_typer(script_env) -> None:
    out = probe(["reflect", "--style", "sideways"], script_env)
    assert "EXIT=2" in out and "unknown style" in out


def test_values_still_arrive(run) -> None:
    result = run("write", "--person", "Sam", "--anxiety", "4", "plain words")
    assert result.exit_code == 0, result.stderr
    out_of_range = run("write", "--anxiety", "11", "x")
    assert out_of_range.exit_code == 2


def test_installing_twice_patches_once() -> None:
    from typer.core import _TyperParameter

    before = _TyperParameter.process_value
    install()
    assert _TyperParameter.process_value is before


@pytest.mark.slow
@pytest.mark.parametrize("command", ["today", "reflect", "checkin", "followups", "followup"])
def test_help_of_the_guided_commands_loads_nothing_heavy(script_env, command: str) -> None:
    out = probe([command, "--help"], script_env)
    assert "EXIT=0" in out and "HEAVY=\n" in out, out
