"""Opening the journal file safely: checks, creation, upgrades and the engine.

Before anything writes, the file is checked with cheap reads: a folder, random bytes, an
encrypted file, someone else's SQLite database or a journal from a newer version of this
program is refused (exit 1) and left untouched. New journals are created owner-only
(folder 0700, file 0600; SQLite gives `-wal`/`-shm` the file's mode). Older journals are
backed up, then upgraded in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attachjournal import migrations
from attachjournal.errors import NotAJournalError, StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private_dir(path: Path) -> None:
    """Create `path` and any missing parents as 0700 folders."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageError(f"can't create the folder {folder}: {exc.strerror}") from None
        folder.chmod(PRIVATE_DIR)


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as exc:
        raise StorageError(f"can't read {path}: {exc.strerror}") from None


def _not_ours(path: Path, why: str) -> NotAJournalError:
    return NotAJournalError(
        f"{path} is not an attachjournal database ({why}); it was left untouched",
        hint="Give --db a journal file, or a path where a new journal can be created.",
    )


def _read_only_pragmas(path: Path) -> tuple[int, int, int]:
    """(application_id, user_version, table count) read without any write."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"can't read the journal at {path}: {exc}") from None
    return int(app_id), int(version), int(tables)


def check_file(path: Path) -> bool:
    """Refuse anything that is not our journal. True when the file must be initialised."""
    if path.is_dir():
        raise StorageError(f"{path} is a folder; the journal must be a file")
    if not path.exists() or path.stat().st_size == 0:
        return True
    header = _header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise _not_ours(path, "not an SQLite file, or encrypted")
    if len(header) < 100:
        raise _not_ours(path, "the file is truncated")
    header_app_id = int.from_bytes(header[68:72], "big")
    if header_app_id not in (0, migrations.APPLICATION_ID):
        raise _not_ours(path, "it belongs to another program")
    app_id, version, tables = _read_only_pragmas(path)
    if app_id == 0 and tables == 0:
        return True
    if app_id != migrations.APPLICATION_ID:
        raise _not_ours(path, "it belongs to another program")
    if version > migrations.LATEST_VERSION:
        raise StorageError(
            f"the journal at {path} was written by a newer version of attachjournal "
            f"(schema {version}; this version knows up to {migrations.LATEST_VERSION})",
            hint="Upgrade attachjournal to open it; nothing was changed.",
        )
    return version < migrations.LATEST_VERSION


def _tighten_permissions(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                candidate.chmod(PRIVATE_FILE)
        except OSError:
            continue


def _create_empty_file(path: Path) -> None:
    make_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    except OSError as exc:
        raise StorageError(f"can't create the journal at {path}: {exc.strerror}") from None
    os.close(fd)


def backup_before_upgrade(path: Path, backups_dir: Path) -> Path:
    """Copy the journal with SQLite's backup API before its schema changes."""
    make_private_dir(backups_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"journal-before-upgrade-{stamp}.db"
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE)
    os.close(fd)
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target


def prepare(path: Path, backups_dir: Path) -> None:
    """Make `path` a current journal: create it, or upgrade it after a backup."""
    needs_setup = check_file(path)
    if not path.exists():
        _create_empty_file(path)
    _tighten_permissions(path)
    if not needs_setup:
        return
    fresh = path.stat().st_size == 0
    if not fresh:
        backup_before_upgrade(path, backups_dir)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"can't open the journal at {path}: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        migrations.apply_pending(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"can't set up the journal at {path}: {exc}") from None
    finally:
        conn.close()
    _tighten_permissions(path)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_begin(conn: Any) -> None:
    # Writers take the lock up front, so two processes never deadlock upgrading a read lock.
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine_for(path: Path, **options: Any) -> Engine:
    """An engine whose every connection has WAL-friendly pragmas and explicit BEGINs."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, **options)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
