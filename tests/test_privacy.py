"""Nothing leaked: no network, private files, private editor drafts, no entry text in
errors, and deleted text really gone from the file."""

from __future__ import annotations

import ast
import os
import socket
import stat
from pathlib import Path

import pytest

from conftest import NetworkBlocked

SRC = Path(__file__).resolve().parent.parent / "src" / "attachjournal"
SECRET = "SECRET-ENTRY-TEXT: I read their messages"
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "imaplib", "poplib", "xmlrpc", "telnetlib", "socketserver",
}  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_network_guard_trips_for_every_kind_of_connection() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    for family, address in ((socket.AF_INET, ("127.0.0.1", 9)), (socket.AF_INET6, ("::1", 9))):
        with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(NetworkBlocked):
            sock.connect(address)
    left, right = socket.socketpair()  # local pipes (not the network) still work
    left.close()
    right.close()


def test_the_program_imports_no_network_module() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in NETWORK_MODULES]
    assert offenders == []


def test_files_are_owner_only_even_with_a_permissive_umask(
    run, journal_home: Path, add_entry
) -> None:
    old = os.umask(0)
    try:
        add_entry("first")
        from attachjournal.config import resolve_paths
        from attachjournal.store import open_journal

        journal = open_journal(resolve_paths())
        with journal.write() as session:
            session.connection().exec_driver_sql("UPDATE entries SET starred = 1")
            side = sorted(journal_home.glob("journal.db-*"))
            assert {p.name for p in side} >= {"journal.db-wal", "journal.db-shm"}
            for path in side:
                assert mode(path) == 0o600, path
        journal.close()
        assert run("backup").exit_code == 0
    finally:
        os.umask(old)
    assert mode(journal_home) == 0o700
    assert mode(journal_home / "journal.db") == 0o600
    backups = journal_home / "backups"
    assert mode(backups) == 0o700
    assert [mode(p) for p in backups.iterdir()] == [0o600]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake $EDITOR that records where the draft was and how private it was."""
    record = tmp_path / "editor-saw"
    script = tmp_path / "fake-editor"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$1" > {record}\n'
        f'stat -c %a "$1" >> {record}\n'
        f'stat -c %a "$(dirname "$1")" >> {record}\n'
        f'printf "{SECRET}" > "$1"\n'
        'exit "${FAKE_EDITOR_STATUS:-0}"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setattr("attachjournal.commands.entries.stdin_is_terminal", lambda: True)
    return record


def test_editor_drafts_are_private_and_removed(run, editor: Path) -> None:
    result = run("write")
    assert result.exit_code == 0, result.stderr
    draft, file_mode, folder_mode = editor.read_text().split()
    assert (file_mode, folder_mode) == ("600", "700")
    assert not Path(draft).exists() and not Path(draft).parent.exists()


def test_editor_drafts_are_removed_when_the_editor_fails(
    run, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_STATUS", "1")
    result = run("write")
    assert result.exit_code == 1 and result.stderr.startswith("Error:")
    assert SECRET not in result.output
    draft = editor.read_text().split()[0]
    assert not Path(draft).parent.exists()


def test_a_database_error_never_shows_the_entry_text(
    run, monkeypatch: pytest.MonkeyPatch, add_entry
) -> None:
    add_entry("first")
    from sqlalchemy import text

    def failing_insert(session, new, now):  # the text travels as a statement parameter
        session.execute(text("INSERT INTO no_such_table VALUES (:body)"), {"body": new.text})

    monkeypatch.setattr("attachjournal.store.entries.add_entry", failing_insert)
    result = run("write", input=SECRET)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "no such table" in result.stderr
    assert SECRET not in result.output and "parameters" not in result.output


def test_a_constraint_failure_never_shows_the_entry_text(journal_home: Path) -> None:
    from datetime import UTC, datetime

    from attachjournal.config import resolve_paths
    from attachjournal.errors import StorageError
    from attachjournal.records import NewEntry
    from attachjournal.store import open_journal
    from attachjournal.store.entries import add_entry

    journal = open_journal(resolve_paths())
    now = datetime.now(UTC)
    with pytest.raises(StorageError) as caught, journal.write() as session:
        add_entry(session, NewEntry(kind="note", text=SECRET, created_at=now, anxiety=99), now)
    journal.close()
    assert "CHECK constraint failed" in caught.value.message
    assert SECRET not in caught.value.message and SECRET not in str(caught.value.hint)


def test_an_unexpected_failure_shows_no_traceback_and_no_text(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(session, new, now):
        raise ValueError(f"something about {new.text}")

    monkeypatch.setattr("attachjournal.store.entries.add_entry", crash)
    result = run("write", input=SECRET)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: unexpected ValueError; nothing was changed"
    assert SECRET not in result.output and "Traceback" not in result.output
    # Only when asked for (ATTACHJOURNAL_DEBUG=1) does the traceback, with details, appear.
    result = run("write", input=SECRET, env={"ATTACHJOURNAL_DEBUG": "1"})
    assert "Traceback" in result.stderr


def test_deleted_and_replaced_text_is_gone_from_the_file(
    run, add_entry, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = add_entry("An entry to keep.")
    doomed = add_entry(SECRET + " (to delete)")
    edited = add_entry(SECRET + " (first draft)")
    assert run("delete", str(doomed), "--yes").exit_code == 0
    assert run("edit", str(edited), input="A rewritten entry.").exit_code == 0
    files = b"".join(p.read_bytes() for p in db_path.parent.glob("journal.db*"))
    assert b"SECRET-ENTRY-TEXT" not in files
    assert b"An entry to keep." in files and keep == 1


def test_entry_text_never_needs_the_command_line() -> None:
    """`write` without TEXT reads stdin or opens $EDITOR (tested above and in the entry
    tests); its help says why, so the advice is where people look."""
    from typer.testing import CliRunner

    from attachjournal.cli import app

    help_text = CliRunner().invoke(app, ["write", "--help"], env={"COLUMNS": "200"}).stdout
    assert "shell history" in help_text


def test_exports_written_to_files_are_owner_only(run, add_entry, tmp_path: Path) -> None:
    from typer.main import get_command

    from attachjournal.cli import app

    if "export" not in get_command(app).commands:  # type: ignore[attr-defined]
        pytest.skip("no `export` command in this version")
    add_entry(SECRET)
    add_entry("Another moment.")
    single = tmp_path / "out" / "journal.md"
    single.parent.mkdir()
    assert run("export", "--output", str(single)).exit_code == 0
    assert mode(single) == 0o600
    folder = tmp_path / "split"
    result = run("export", "--split", "--output", str(folder))
    assert result.exit_code == 0, result.stderr
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) >= 2
    assert mode(folder) == 0o700 and {mode(p) for p in files} == {0o600}
