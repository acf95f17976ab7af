"""Upgrading a journal written by the first schema (a committed fixture), and refusing one
written by a newer version of the program.

`fixtures/journal-schema1.db` was written by schema 1 through the store: four entries of
every kind, with people, tags (one differing only in case), urges (acted, not acted,
unanswered), a done and an open follow-up, answers JSON and non-ASCII text.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from attachjournal import db, migrations

FIXTURE = Path(__file__).parent / "fixtures" / "journal-schema1.db"
SCRIPT = Path(sys.executable).with_name("attachjournal")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row the first schema knew about, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        return {
            "entries": conn.execute(
                "SELECT id, uuid, created_at, updated_at, kind, style, template, person_id, "
                '"trigger", anxiety, avoidance, starred, text, answers FROM entries ORDER BY id'
            ).fetchall(),
            "people": conn.execute("SELECT id, name FROM people ORDER BY id").fetchall(),
            "tags": conn.execute("SELECT id, name FROM tags ORDER BY id").fetchall(),
            "entry_tags": conn.execute("SELECT * FROM entry_tags ORDER BY 1, 2").fetchall(),
            "urges": conn.execute(
                "SELECT id, entry_id, name, acted FROM urges ORDER BY id"
            ).fetchall(),
            "followups": conn.execute(
                "SELECT id, entry_id, action, due_on, status, note, resolved_at "
                "FROM followups ORDER BY id"
            ).fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def old_journal(tmp_path: Path) -> Path:
    copy = tmp_path / "old" / "journal.db"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURE, copy)
    return copy


@pytest.fixture
def extra_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever migrations exist now, plus one more that rewrites a table."""

    def m999_rebuild_entries(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entries ADD COLUMN mood VARCHAR")
        conn.execute("CREATE INDEX ix_entries_mood ON entries (mood)")

    steps = (*migrations.MIGRATIONS, ("m999_rebuild_entries", m999_rebuild_entries))
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(steps))


def test_the_fixture_really_is_schema_1() -> None:
    conn = sqlite3.connect(f"{FIXTURE.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("SELECT name FROM schema_migrations")] == [
        "m001_initial_schema"
    ]
    conn.close()
    tables = dump(FIXTURE)
    assert len(tables["entries"]) == 4 and tables["urges"] and tables["followups"]


def test_every_entry_survives_an_upgrade_and_a_backup_is_made_first(
    old_journal: Path, tmp_path: Path, extra_migration: None
) -> None:
    before = dump(old_journal)
    backups = tmp_path / "backups"
    db.prepare(old_journal, backups)
    assert dump(old_journal) == before
    conn = sqlite3.connect(old_journal)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "mood" in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
    conn.close()
    [backup] = backups.iterdir()
    assert backup.name.startswith("journal-before-upgrade-")
    assert dump(backup) == before
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_the_upgraded_journal_reads_the_same_through_the_command_line(
    old_journal: Path, run
) -> None:
    # With today's real migrations (schema 1 -> whatever is current).
    result = run("--db", str(old_journal), "list", "--json", "-n", "0")
    assert result.exit_code == 0, result.stderr
    entries = {e["uuid"]: e for e in json.loads(result.stdout)}
    assert len(entries) == 4
    avoidant = entries["00000000-0000-4000-8000-000000000002"]
    assert avoidant["person"] == "Alex" and avoidant["tags"] == ["weekend"]
    assert avoidant["answers"]["emotions"] == {"pressure": 6}
    assert entries["00000000-0000-4000-8000-000000000003"]["text"] == "Calmer today. Ünïcödé ✓"
    assert sorted(entries["00000000-0000-4000-8000-000000000001"]["tags"]) == [
        "evening",
        "no-reply",
    ]


def test_ctrl_c_during_an_upgrade_leaves_the_journal_as_it_was(
    old_journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def m999_interrupted(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entries ADD COLUMN mood VARCHAR")
        raise KeyboardInterrupt

    steps = (*migrations.MIGRATIONS, ("m999_interrupted", m999_interrupted))
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(steps))
    before = dump(old_journal)
    with pytest.raises(KeyboardInterrupt):
        db.prepare(old_journal, tmp_path / "backups")
    assert dump(old_journal) == before
    conn = sqlite3.connect(old_journal)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "mood" not in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]


@pytest.mark.slow
def test_a_journal_from_a_newer_version_is_refused_untouched(
    old_journal: Path, script_env: dict[str, str]
) -> None:
    conn = sqlite3.connect(old_journal)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = old_journal.read_bytes()
    import subprocess

    for command in (["list"], ["write", "new"], ["backup"]):
        done = subprocess.run(
            [str(SCRIPT), "--db", str(old_journal), *command],
            env=script_env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, command
        first = done.stderr.splitlines()[0]
        assert first.startswith("Error: ") and "newer version of attachjournal" in first
        assert "Upgrade attachjournal" in done.stderr and "Traceback" not in done.stderr
    assert old_journal.read_bytes() == before
    assert sorted(p.name for p in old_journal.parent.iterdir()) == ["journal.db"]
