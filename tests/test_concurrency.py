"""Several processes writing at once lose nothing and fail nothing (real processes)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from attachjournal import db
from attachjournal.config import resolve_paths
from attachjournal.store import open_journal

WRITER = Path(__file__).with_name("_writer.py")
PROCESSES = 6
WRITES = 25


def start_writers(env: dict[str, str], go: Path, count: int) -> list[subprocess.Popen[str]]:
    env = {**env, "WRITER_GO_FILE": str(go)}
    return [
        subprocess.Popen(
            [sys.executable, str(WRITER), f"p{n}", str(count)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]


@pytest.mark.slow
def test_six_processes_writing_at_once_lose_and_fail_nothing(
    journal_home: Path, db_path: Path, script_env: dict[str, str], tmp_path: Path
) -> None:
    # No journal exists yet: the processes also race to create it.
    go = tmp_path / "go"
    writers = start_writers(script_env, go, WRITES)
    for proc in writers:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    go.touch()
    started = time.monotonic()
    reported: list[str] = []
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        reported += out.split()
    elapsed = time.monotonic() - started
    assert len(reported) == PROCESSES * WRITES
    conn = sqlite3.connect(db_path)
    stored = [row[0] for row in conn.execute("SELECT text FROM entries")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert sorted(stored) == sorted(reported)
    assert len(set(stored)) == PROCESSES * WRITES
    print(f"{PROCESSES}x{WRITES} writes in {elapsed:.1f} s")


def test_a_writer_waits_out_a_lock_held_longer_than_the_busy_timeout(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attachjournal.records import NewEntry
    from attachjournal.store.entries import add_entry, count_entries

    journal = open_journal(resolve_paths())
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(db, "CONNECTION_PRAGMAS", ("PRAGMA busy_timeout = 50",))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    released = False

    real_sleep = time.sleep

    def sleep_then_release(seconds: float) -> None:
        nonlocal released
        real_sleep(seconds)
        if not released:  # the holder lets go only after the writer already failed once
            holder.execute("COMMIT")
            released = True

    monkeypatch.setattr(db.time, "sleep", sleep_then_release)
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with journal.write() as session:
        add_entry(session, NewEntry(kind="note", text="waited", created_at=now), now)
    assert released
    from attachjournal.records import EntryFilter

    with journal.read() as session:
        assert count_entries(session, EntryFilter()) == 1
    journal.close()
    holder.close()


def test_a_writer_gives_up_with_a_clear_error_when_the_lock_never_frees(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attachjournal.errors import StorageError

    journal = open_journal(resolve_paths())
    monkeypatch.setattr(db, "CONNECTION_PRAGMAS", ("PRAGMA busy_timeout = 20",))
    monkeypatch.setattr(db, "WRITE_WAIT_SECONDS", 0.3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="busy"), journal.write():
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        journal.close()
