"""Opening the journal file safely: checks, creation, upgrades, copies and the engine.

Before anything writes, the file is checked with cheap reads: a folder, random bytes, an
encrypted file without its passphrase, someone else's SQLite database or a journal from a
newer version of this program is refused (exit 1) and left untouched. New journals are
created owner-only (folder 0700, file 0600; SQLite gives `-wal`/`-shm` the file's mode).
Older journals are backed up, then upgraded in one transaction.

An encrypted journal (see `crypto.py`) goes through the same steps with a `key`; only the
connection differs, so everything here takes an optional key and never imports SQLCipher
itself. Connections favour safety over speed: `synchronous=FULL` (a reported write is on
disk), `secure_delete` (deleted text is overwritten, not left in free pages) and temp
tables in memory (no sort spill files in /tmp).
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from attachjournal import migrations
from attachjournal.errors import NotAJournalError, StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# How long a writer keeps retrying after SQLite's own busy timeout gives up.
WRITE_WAIT_SECONDS = 60.0
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")
CONNECTION_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
)

T = TypeVar("T")


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
            raise StorageError(
                f"can't create the folder {folder}: {exc.strerror}",
                hint="Give --db a path in a folder you can write to.",
            ) from None
        folder.chmod(PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file (or leave an existing one alone)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    except OSError as exc:
        raise StorageError(
            f"can't create {path}: {exc.strerror}",
            hint="Give a path in a folder you can write to.",
        ) from None
    os.close(fd)


def is_db_error(exc: BaseException) -> bool:
    """True for an error raised by sqlite3 or by SQLCipher's driver."""
    if isinstance(exc, sqlite3.Error):
        return True
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return cipher is not None and isinstance(exc, cipher.Error)


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked/busy", whichever driver raised it."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database is busy" in text


def retry_busy(action: Callable[[], T], wait_seconds: float | None = None) -> T:
    """Run `action`, retrying with jittered backoff while the database stays locked.

    SQLite's busy timeout already waits; this outer loop is for the rare case where a
    long writer (an import, a migration) holds the lock longer than that timeout.
    """
    deadline = time.monotonic() + (WRITE_WAIT_SECONDS if wait_seconds is None else wait_seconds)
    delay = 0.05
    while True:
        try:
            return action()
        except Exception as exc:
            if not is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))  # noqa: S311  (jitter, not crypto)
        delay = min(delay * 2, 1.0)


def header(path: Path) -> bytes:
    """The first 100 bytes of the file (SQLite's header), or fewer if it is shorter."""
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as exc:
        raise StorageError(f"can't read {path}: {exc.strerror}") from None


def looks_encrypted(path: Path) -> bool:
    """True for a file that is not plain SQLite but is shaped like SQLCipher pages.

    SQLCipher files start with a random salt, so nothing tells them from random bytes;
    whole 512-byte pages at least rule out most files that were never a database.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if not path.is_file() or size < 512 or size % 512:
        return False
    return not header(path).startswith(SQLITE_MAGIC)


def _not_ours(path: Path, why: str) -> NotAJournalError:
    return NotAJournalError(
        f"{path} is not an attachjournal database ({why}); it was left untouched",
        hint="Give --db a journal file, or a path where a new journal can be created.",
    )


def sqlcipher_installed() -> bool:
    """True when the `encrypt` extra (sqlcipher3) can be imported; imports nothing."""
    from importlib.util import find_spec

    return find_spec("sqlcipher3") is not None


def encrypted_without_key(path: Path) -> NotAJournalError:
    """The error for a file that looks encrypted when no passphrase is at hand."""
    if not sqlcipher_installed():
        hint = (
            "If it is an encrypted journal, install encryption support: "
            "pip install 'attachjournal[encrypt]'"
        )
    else:
        hint = (
            "If it is an encrypted journal, set ATTACHJOURNAL_PASSPHRASE "
            "or run the command on a terminal to type the passphrase."
        )
    return NotAJournalError(
        f"{path} is not a plain SQLite file (an encrypted journal, or not a journal at all); "
        "it was left untouched",
        hint=hint,
    )


def connect(path: Path, key: str | None = None, read_only: bool = False) -> Any:
    """A DB-API connection in autocommit mode: sqlite3, or SQLCipher when `key` is given."""
    if key is not None:
        from attachjournal import crypto

        return crypto.connect(path, key, read_only=read_only)
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None)
    return sqlite3.connect(path, isolation_level=None)


def _read_only_pragmas(path: Path, key: str | None) -> tuple[int, int, int]:
    """(application_id, user_version, table count) read without any write."""
    try:
        conn = connect(path, key, read_only=True)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except Exception as exc:
        if not is_db_error(exc):
            raise
        raise StorageError(
            f"can't read the journal at {path}: {exc}",
            hint="If the file is damaged, restore a copy from your backups folder.",
        ) from None
    return int(app_id), int(version), int(tables)


def _header_is_current(path: Path, head: bytes) -> bool:
    """True when the file's own header is up to date: ours, and no log with frames."""
    if int.from_bytes(head[68:72], "big") != migrations.APPLICATION_ID:
        return False
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def check_file(path: Path, key: str | None = None) -> bool:
    """Refuse anything that is not our journal. True when the file must be initialised."""
    if path.is_dir():
        raise StorageError(
            f"{path} is a folder; the journal must be a file",
            hint="Give --db a file path, e.g. journal.db inside that folder.",
        )
    if not path.exists() or path.stat().st_size == 0:
        return True
    head = header(path)
    if key is None:
        if not head.startswith(SQLITE_MAGIC):
            if looks_encrypted(path):
                raise encrypted_without_key(path)
            raise _not_ours(path, "not an SQLite file")
        if len(head) < 100:
            raise _not_ours(path, "the file is truncated")
        header_app_id = int.from_bytes(head[68:72], "big")
        if header_app_id not in (0, migrations.APPLICATION_ID):
            raise _not_ours(path, "it belongs to another program")
    if key is None and _header_is_current(path, head):
        # No write-ahead log holds newer pages, so the header is the truth, and reading it
        # needs no connection (a read-only one would leave -wal/-shm files behind).
        app_id, version, tables = migrations.APPLICATION_ID, int.from_bytes(head[60:64], "big"), 1
    else:
        app_id, version, tables = _read_only_pragmas(path, key)
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


def tighten_permissions(path: Path) -> None:
    """Make the file and its side files owner-only if something loosened them."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                candidate.chmod(PRIVATE_FILE)
        except OSError:
            continue


def fsync_file(path: Path) -> None:
    """Flush a file's bytes to disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder so a rename in it survives a power cut."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Remove a file and its SQLite side files, ignoring ones that are not there."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        candidate.unlink(missing_ok=True)


def copy_database(source: Path, target: Path, key: str | None = None) -> None:
    """A consistent single-file copy via SQLite's online backup API, owner-only.

    The copy is written next to `target` and renamed into place after an integrity
    check, so `target` never holds half a copy. The backup API copies a consistent
    snapshot even while other processes write. An encrypted source gives a copy
    encrypted with the same key.
    """
    partial = target.with_name(f".{target.name}.partial")
    remove_quietly(partial)
    create_private_file(partial)
    try:
        src = connect(source, key)
        try:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            dest = connect(partial, key)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                result = dest.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dest.close()
        finally:
            src.close()
        if result != "ok":
            raise StorageError(f"the copy of {source} failed its integrity check: {result}")
        fsync_file(partial)
        partial.replace(target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise StorageError(f"can't write the copy {target}: {exc.strerror}") from None
    except Exception as exc:
        if not is_db_error(exc):
            raise
        raise StorageError(f"can't copy the journal at {source} to {target}: {exc}") from None
    finally:
        remove_quietly(partial)


def backup_before_upgrade(path: Path, backups_dir: Path, key: str | None = None) -> Path:
    """Copy the journal with SQLite's backup API before its schema changes."""
    make_private_dir(backups_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"journal-before-upgrade-{stamp}.db"
    copy_database(path, target, key)
    return target


def _set_up(path: Path, key: str | None) -> None:
    conn = connect(path, key)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        migrations.apply_pending(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def prepare(path: Path, backups_dir: Path, key: str | None = None) -> None:
    """Make `path` a current journal: create it, or upgrade it after a backup."""
    needs_setup = retry_busy(lambda: check_file(path, key))
    if not path.exists():
        make_private_dir(path.parent)
        create_private_file(path)
    tighten_permissions(path)
    if not needs_setup:
        return
    fresh = path.stat().st_size == 0
    if not fresh:
        backup_before_upgrade(path, backups_dir, key)
    try:
        retry_busy(lambda: _set_up(path, key))
    except Exception as exc:
        if not is_db_error(exc):
            raise
        raise StorageError(f"can't set up the journal at {path}: {exc}") from None
    tighten_permissions(path)


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the journal file: changes when the file is replaced."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in CONNECTION_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _on_begin(conn: Any) -> None:
    # Writers take the lock up front, so two processes never deadlock upgrading a read lock.
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine_for(path: Path, key: str | None = None, **options: Any) -> Engine:
    """An engine whose every connection has WAL-friendly pragmas and explicit BEGINs.

    Plain journals open a fresh connection per session (NullPool): nothing stays open
    between a command's steps. Encrypted ones keep one connection for the process,
    because SQLCipher's key derivation deliberately costs a noticeable fraction of a
    second per connection.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool, QueuePool

    if key is None:
        engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, **options)
    else:
        from attachjournal import crypto

        engine = create_engine(
            "sqlite://",
            module=crypto.sqlcipher(),
            creator=lambda: crypto.connect(path, key),
            poolclass=QueuePool,
            pool_size=1,
            **options,
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
