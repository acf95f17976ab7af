"""`attachjournal backup`: consistent owner-only copies, pruning, refusing to overwrite."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from attachjournal import backup

WRITER = Path(__file__).with_name("_writer.py")
SCRIPT = Path(sys.executable).with_name("attachjournal")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def texts(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in conn.execute("SELECT text FROM entries ORDER BY id")]
    finally:
        conn.close()


def test_default_backup_is_a_dated_private_copy_in_the_backups_folder(
    run, add_entry, journal_home: Path
) -> None:
    add_entry("first")
    add_entry("second")
    result = run("backup")
    assert result.exit_code == 0, result.output
    [copy] = (journal_home / "backups").iterdir()
    assert copy.name.startswith("journal-") and copy.suffix == ".db"
    assert str(copy) in result.stdout
    assert "not encrypted" in result.stdout
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    assert texts(copy) == ["first", "second"]
    # A single self-contained file: no -wal or -shm needed to read it.
    assert not list(copy.parent.glob("*-wal")) and not list(copy.parent.glob("*-shm"))


def test_backup_to_a_path_and_to_a_folder(run, add_entry, tmp_path: Path) -> None:
    add_entry("kept")
    target = tmp_path / "mine.db"
    assert run("backup", str(target)).exit_code == 0
    assert texts(target) == ["kept"] and mode(target) == 0o600
    folder = tmp_path / "usb"
    folder.mkdir()
    assert run("backup", str(folder)).exit_code == 0
    [inside] = folder.iterdir()
    assert inside.name.startswith("journal-") and texts(inside) == ["kept"]


def test_backup_never_overwrites_an_existing_file(run, add_entry, tmp_path: Path) -> None:
    add_entry("kept")
    target = tmp_path / "precious.txt"
    target.write_text("not a journal")
    result = run("backup", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "already exists" in result.stderr
    assert target.read_text() == "not a journal"


def test_backup_into_a_missing_folder_or_without_a_journal(
    run, add_entry, tmp_path: Path, journal_home: Path
) -> None:
    result = run("backup")
    assert result.exit_code == 1 and "no journal" in result.stderr
    assert not journal_home.exists()
    add_entry("kept")
    result = run("backup", str(tmp_path / "nowhere" / "copy.db"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_only_the_newest_automatic_backups_are_kept(run, add_entry, tmp_path: Path) -> None:
    add_entry("kept")
    folder = tmp_path / "aj-home" / "backups"
    folder.mkdir(mode=0o700)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(backup.KEEP_AUTOMATIC + 2):
        old = folder / backup.dated_name(start + timedelta(days=day))
        old.write_bytes(b"")
        os.utime(old, (1_700_000_000 + day, 1_700_000_000 + day))
    mine = folder / "my-own-copy.db"
    mine.write_bytes(b"")
    assert run("backup").exit_code == 0
    automatic = sorted(p.name for p in folder.glob("journal-*.db"))
    assert len(automatic) == backup.KEEP_AUTOMATIC
    assert backup.dated_name(start) not in automatic  # the oldest went first
    assert backup.dated_name(start + timedelta(days=1)) not in automatic
    assert mine.exists()  # a file the person named is never pruned


def test_two_backups_in_the_same_second_do_not_collide(tmp_path: Path) -> None:
    now = datetime(2026, 11, 3, 21, 30, tzinfo=UTC)
    (tmp_path / backup.dated_name(now)).write_bytes(b"")
    dest, automatic = backup.resolve_target(None, tmp_path, now)
    assert automatic and dest.name == "journal-20261103T213000Z-2.db"


@pytest.mark.slow
def test_backups_taken_while_another_process_writes_are_consistent(
    add_entry, db_path: Path, script_env: dict[str, str], tmp_path: Path
) -> None:
    add_entry("w-start")
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), "w", "0"],
        env=script_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert writer.stdout is not None
        writer.stdout.readline()
        writer.stdout.readline()  # the writer has committed at least once
        counts = []
        for number in range(4):
            target = tmp_path / f"copy{number}.db"
            done = subprocess.run(
                [str(SCRIPT), "backup", str(target)],
                env=script_env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0, done.stderr
            copied = texts(target)
            # A snapshot: the first entry, then w-0 ... w-k with no gap.
            assert copied == ["w-start", *(f"w-{i}" for i in range(len(copied) - 1))]
            counts.append(len(copied))
        assert counts == sorted(counts) and counts[-1] > counts[0]
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout:
            writer.stdout.close()


@pytest.mark.slow
def test_kill_9_during_a_backup_never_leaves_half_a_copy(
    add_entry, script_env: dict[str, str], tmp_path: Path
) -> None:
    for number in range(30):
        add_entry(f"entry {number} " + "x" * 2000)
    for attempt in range(4):
        target = tmp_path / f"copy{attempt}.db"
        proc = subprocess.Popen(
            [str(SCRIPT), "backup", str(target)],
            env=script_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(random.uniform(0.2, 0.7))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if target.exists():
            assert len(texts(target)) == 30
