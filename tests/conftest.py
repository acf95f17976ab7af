"""Shared fixtures: every test gets a private journal home and no network.

The autouse fixtures move all user data (and HOME and the XDG folders) into a temporary
folder, so no test can touch the real home folder, and make any attempt to open an
internet socket fail the test.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from attachjournal.cli import app


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach the network."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"test tried to open a network connection to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", _refuse_create_connection)


def _refuse_create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
    raise NetworkBlocked(f"test tried to open a network connection to {address!r}")


@pytest.fixture(autouse=True)
def journal_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "aj-home"
    fake_user_home = tmp_path / "user-home"
    fake_user_home.mkdir()
    monkeypatch.setenv("ATTACHJOURNAL_HOME", str(home))
    monkeypatch.delenv("ATTACHJOURNAL_DB", raising=False)
    monkeypatch.delenv("ATTACHJOURNAL_DEBUG", raising=False)
    monkeypatch.delenv("ATTACHJOURNAL_PASSPHRASE", raising=False)
    monkeypatch.setenv("HOME", str(fake_user_home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(fake_user_home / var.lower()))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("PROMPT_TOOLKIT_NO_CPR", "1")
    if hasattr(__import__("time"), "tzset"):
        __import__("time").tzset()
    return home


@pytest.fixture
def db_path(journal_home: Path) -> Path:
    return journal_home / "journal.db"


@pytest.fixture
def run() -> Callable[..., Any]:
    """Invoke the CLI in-process: run("write", "text", input="...")."""
    runner = CliRunner()

    def invoke(
        *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Any:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def script_env(journal_home: Path) -> dict[str, str]:
    """Environment for running the installed console script in a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHJOURNAL_")}
    env["ATTACHJOURNAL_HOME"] = str(journal_home)
    return env


@pytest.fixture
def add_entry(run: Callable[..., Any]) -> Iterator[Callable[..., int]]:
    """Write a quick entry through the CLI and return its id."""

    def add(text: str = "A moment worth noting.", *options: str) -> int:
        result = run("write", *options, input=text)
        assert result.exit_code == 0, result.output
        return int(result.stdout.strip())

    yield add
