"""The database file: creation, permissions, refusing foreign files, migrations."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from attachjournal import db, migrations, models  # noqa: F401  (models registers tables)
from attachjournal.config import resolve_paths
from attachjournal.errors import NotAJournalError, StorageError
from attachjournal.store import open_journal


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_use_creates_private_folder_and_files(journal_home: Path, add_entry) -> None:
    assert not journal_home.exists()
    add_entry("first")
    assert mode(journal_home) == 0o700
    for path in journal_home.glob("journal.db*"):
        assert mode(path) == 0o600, path


def test_wal_and_shm_are_owner_only_while_open(journal_home: Path) -> None:
    journal = open_journal(resolve_paths())
    with journal.read() as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM entries").all()
        side_files = list(journal_home.glob("journal.db-*"))
        assert {p.name for p in side_files} >= {"journal.db-wal", "journal.db-shm"}
        for path in side_files:
            assert mode(path) == 0o600, path
    journal.close()


def test_nothing_is_created_at_import_or_by_resolving_paths(journal_home: Path) -> None:
    resolve_paths()
    import attachjournal.cli  # noqa: F401

    assert not journal_home.exists()


def test_journal_is_marked_and_versioned(db_path: Path) -> None:
    open_journal(resolve_paths()).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [row[0] for row in conn.execute("SELECT name FROM schema_migrations")]
    assert names == [name for name, _ in migrations.MIGRATIONS]


def _schema(engine_url: str) -> dict[str, object]:
    inspector = inspect(create_engine(engine_url))
    shape: dict[str, object] = {}
    for table in sorted(inspector.get_table_names()):
        columns = {
            c["name"]: (str(c["type"]).split("(")[0], c["nullable"], bool(c.get("primary_key")))
            for c in inspector.get_columns(table)
        }
        indexes = sorted(
            (tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)
        )
        uniques = sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table))
        fks = sorted(
            (
                tuple(f["constrained_columns"]),
                f["referred_table"],
                (f.get("options") or {}).get("ondelete"),
            )
            for f in inspector.get_foreign_keys(table)
        )
        checks = sorted(c["name"] for c in inspector.get_check_constraints(table))
        shape[table] = (columns, indexes, uniques, fks, checks)
    return shape


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    conn = sqlite3.connect(migrated, isolation_level=None)
    migrations.apply_pending(conn)
    conn.close()
    fresh = tmp_path / "fresh.db"
    SQLModel.metadata.create_all(create_engine(f"sqlite:///{fresh}"))
    assert _schema(f"sqlite:///{migrated}") == _schema(f"sqlite:///{fresh}")


def test_migrations_run_once_and_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrations.apply_pending(conn) == [name for name, _ in migrations.MIGRATIONS]
    assert migrations.apply_pending(conn) == []
    conn.close()


def test_a_failing_migration_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise KeyboardInterrupt

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, ("m999_broken", broken)))
    path = tmp_path / "j.db"
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(KeyboardInterrupt):
        migrations.apply_pending(conn)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(bytes(range(256)) * 40)
    before = snapshot(path)
    with pytest.raises(NotAJournalError):
        db.prepare(path, tmp_path / "backups")
    assert snapshot(path) == before
    assert not (tmp_path / "backups").exists()


def test_someone_elses_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()
    before = snapshot(path)
    with pytest.raises(NotAJournalError, match="another program"):
        db.prepare(path, tmp_path / "backups")
    assert snapshot(path) == before
    assert not list(tmp_path.glob("other.db-*")) and not (tmp_path / "backups").exists()


def test_a_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAJournalError):
        db.prepare(path, tmp_path / "b")


def test_a_journal_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    db.prepare(path, tmp_path / "b")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = snapshot(path)
    with pytest.raises(StorageError, match="newer version"):
        db.prepare(path, tmp_path / "b")
    assert snapshot(path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="folder"):
        db.prepare(tmp_path, tmp_path / "b")


def test_an_empty_file_becomes_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    db.prepare(path, tmp_path / "b")
    assert (
        sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0]
        == migrations.APPLICATION_ID
    )


def test_an_older_journal_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.db"
    db.prepare(path, tmp_path / "backups")

    def m999_add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entries ADD COLUMN mood VARCHAR")

    current = migrations.LATEST_VERSION
    monkeypatch.setattr(
        migrations, "MIGRATIONS", (*migrations.MIGRATIONS, ("m999_mood", m999_add_column))
    )
    monkeypatch.setattr(migrations, "LATEST_VERSION", current + 1)
    db.prepare(path, tmp_path / "backups")
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and mode(backups[0]) == 0o600
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == current
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current + 1
    assert "mood" in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]


def test_existing_journal_with_loose_permissions_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    db.prepare(path, tmp_path / "b")
    path.chmod(0o644)
    db.prepare(path, tmp_path / "b")
    assert mode(path) == 0o600


def test_read_only_folder_gives_a_storage_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StorageError):
        db.prepare(locked / "j.db", tmp_path / "b")


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({"style": "anxious"}, "ix_entries_style_created_at"),
        ({"person": "Sam"}, "ix_entries_person_created_at"),
    ],
)
def test_filtered_newest_first_lists_use_one_index(filters, index, db_path: Path) -> None:
    """`list --style/--person -n 10` reads the filter and the order from one index (m003),
    so it costs the same on a large journal as on a small one."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from attachjournal.records import EntryFilter
    from attachjournal.store.entries import newest_first

    open_journal(resolve_paths()).close()
    statement = newest_first(EntryFilter(**filters), limit=10)
    sql = str(
        statement.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True})
    )
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO people (name) VALUES ('Sam')")
    plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan
