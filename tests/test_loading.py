"""Opening the journal in the background, and the cheap reads a flow makes before that."""

from __future__ import annotations

from pathlib import Path

import pytest

from attachjournal.asking import ScriptedAsker
from attachjournal.commands import common
from attachjournal.config import resolve_paths
from attachjournal.errors import JournalError, NotAJournalError
from attachjournal.loading import JournalLoader
from attachjournal.records import NewEntry
from attachjournal.store.raw import current_journal, known_people
from flowkit import NOW, add, guide


def test_no_journal_yet_reads_nothing_and_creates_nothing(db_path: Path) -> None:
    loader = JournalLoader(resolve_paths())
    assert loader.read(known_people) is None
    assert not db_path.exists() and not loader.loaded


def test_reads_need_no_sqlmodel_session_once_the_journal_exists() -> None:
    add(NewEntry(kind="note", text="x", created_at=NOW, person="Sam"))
    loader = JournalLoader(resolve_paths())
    assert loader.read(known_people) == ["Sam"]
    assert not loader.loaded  # read straight through sqlite3, nothing loaded in the background


def test_the_background_load_creates_the_journal_and_get_waits_for_it(db_path: Path) -> None:
    loader = JournalLoader(resolve_paths())
    loader.start()
    loader.start()  # once only
    journal = loader.get()
    assert db_path.exists() and loader.loaded and journal.path == db_path
    loader.close()


def test_a_file_that_is_not_a_journal_fails_before_any_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not sqlite at all" * 10)
    asker = ScriptedAsker({"anxiety": 1, "avoidance": 1})
    monkeypatch.setattr(common, "is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.make_asker", lambda loader: asker)
    result = run("--db", str(foreign), "checkin")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "not an attachjournal database" in result.stderr
    assert asker.asked == []
    assert foreign.read_bytes() == b"not sqlite at all" * 10


def test_errors_in_the_background_surface_when_the_journal_is_needed(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"x" * 200)
    loader = JournalLoader(resolve_paths(str(foreign)))
    loader.start()
    with pytest.raises(NotAJournalError):
        loader.get()
    with pytest.raises(NotAJournalError), current_journal(foreign):
        pass


def test_a_flow_writes_through_the_loader(db_path: Path) -> None:
    asker = ScriptedAsker({"anxiety": 2, "avoidance": 2})
    entry_id = guide(asker).checkin()
    assert entry_id == 1 and db_path.exists()


def test_an_encrypted_looking_journal_is_not_read_with_plain_sqlite(tmp_path: Path) -> None:
    scrambled = tmp_path / "secret.db"
    scrambled.write_bytes(bytes(range(256)) * 8)  # whole 512-byte pages, no SQLite header
    with current_journal(scrambled) as rows:
        assert rows is None  # read through the keyed journal instead
    loader = JournalLoader(resolve_paths(str(scrambled)))
    # No key here, so opening it says why: "not a journal" without the encrypt extra,
    # "looks encrypted, no terminal for the passphrase" with it. Never a plain read.
    with pytest.raises(JournalError, match="journal"):
        loader.read(known_people)
