"""Optional encryption at rest with SQLCipher (the `encrypt` extra, package `sqlcipher3`).

`sqlcipher3` is imported only when an encrypted journal is met or `encrypt` runs, so plain
journals never pay for it and work without it. A conversion writes the new file next to
the journal, checks it row for row against the original, then swaps it in with one
rename: a crash at any moment leaves the old file or the new one, never half of each.
While it runs it holds the journal's write lock, so other attachjournal processes wait;
one that was already waiting notices the file was replaced and saves nothing
(`store.Journal.write`) rather than writing into the old copy.

The passphrase comes from ATTACHJOURNAL_PASSPHRASE (for scripts; anyone who can read the
environment of your processes or your shell startup files can read it) or is typed
without echo on a terminal. It never appears in messages.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from attachjournal import db
from attachjournal.errors import CancelledError, JournalError, StorageError, UsageError

PASSPHRASE_ENV = "ATTACHJOURNAL_PASSPHRASE"  # noqa: S105  (a variable name, not a secret)
INSTALL_HINT = "Install encryption support with: pip install 'attachjournal[encrypt]'"


def sqlcipher() -> ModuleType:
    """The SQLCipher DB-API module, or an error saying what to install."""
    try:
        module = importlib.import_module("sqlcipher3.dbapi2")
    except ImportError:
        raise JournalError(
            "encryption support is not installed (the sqlcipher3 package is missing)",
            hint=INSTALL_HINT,
        ) from None
    return module


def _literal(passphrase: str) -> str:
    if not passphrase:
        raise UsageError("the passphrase is empty; type at least one character")
    if "\x00" in passphrase:
        raise UsageError("the passphrase contains a NUL character, which can't be used")
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str, read_only: bool = False) -> Any:
    """An autocommit SQLCipher connection, keyed and checked: a wrong passphrase is an
    `Error:` here, not a confusing failure later."""
    module = sqlcipher()
    try:
        if read_only:
            conn = module.connect(
                path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None
            )
        else:
            conn = module.connect(str(path), isolation_level=None)
        # SQLCipher logs decryption failures to stderr by itself; we report them instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_literal(passphrase)}")
    except module.Error as exc:
        raise StorageError(f"can't open the journal at {path}: {exc}") from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        conn.close()
        if db.is_busy(exc):
            raise
        raise StorageError(
            f"can't open {path} with this passphrase: the passphrase is wrong, "
            "or the file is not an attachjournal journal",
            hint=f"Check {PASSPHRASE_ENV} or type the passphrase again.",
        ) from None
    return conn


def passphrase_from_env() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None


def can_prompt() -> bool:
    """True when a person can type a passphrase (standard input is a terminal)."""
    return sys.stdin.isatty()


def ask_passphrase(prompt: str, confirm: bool = False, why: str = "a passphrase is needed") -> str:
    """The passphrase from the environment, or typed on the terminal without echo."""
    from_env = passphrase_from_env()
    if from_env is not None:
        return from_env
    if not can_prompt():
        raise JournalError(
            f"{why}, and there is no terminal to type the passphrase on",
            hint=f"Set {PASSPHRASE_ENV} for scripts (see the README for the trade-off).",
        )
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Type it again: ") != first:
            raise UsageError("the two passphrases differ; nothing was changed")
    except EOFError:
        raise CancelledError("no passphrase given; nothing was changed") from None
    _literal(first)
    return first


# Passphrases that opened a journal in this process, so a command asks only once even
# when it opens the journal twice (or from a background thread after asking up front).
_REMEMBERED: dict[Path, str] = {}


def remember(path: Path, passphrase: str) -> None:
    """Keep a passphrase that opened `path` for the rest of this process."""
    _REMEMBERED[path.resolve()] = passphrase


def remembered(path: Path) -> str | None:
    """The passphrase that already opened `path` in this process, if any."""
    return _REMEMBERED.get(path.resolve())


def passphrase_for(path: Path) -> str:
    """The passphrase of the encrypted journal at `path`: remembered, or asked for."""
    known = remembered(path)
    if known is not None:
        return known
    return ask_passphrase(
        f"Passphrase for {path}: ",
        why=f"{path} looks like an encrypted journal (or is not a journal at all)",
    )


def is_encrypted(path: Path) -> bool:
    """True when the journal file is (or looks like) an SQLCipher file."""
    return db.looks_encrypted(path)


def _digest(conn: Any, schema: str = "main") -> str:
    """A fingerprint of every row of every table, the schema version and the app id."""
    digest = hashlib.sha256()
    for pragma in ("user_version", "application_id"):
        digest.update(repr(conn.execute(f"PRAGMA {schema}.{pragma}").fetchone()).encode())
    tables = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master "  # noqa: S608  (fixed schema names)
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(table.encode())
        quoted = '"' + table.replace('"', '""') + '"'
        for row in conn.execute(f"SELECT * FROM {schema}.{quoted} ORDER BY rowid"):  # noqa: S608
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _in_use(path: Path) -> StorageError:
    return StorageError(
        f"the journal at {path} is in use by another attachjournal command; nothing was changed",
        hint="Close other attachjournal windows and try again.",
    )


def _open_with_sqlcipher(path: Path, key: str | None) -> Any:
    """A SQLCipher connection even for a plain file.

    Every connection to the journal during a conversion must come from the same SQLite
    library: POSIX locks belong to the process, and a second library closing its handle
    would silently drop the write lock the first one holds.
    """
    if key:
        return connect(path, key)
    conn = sqlcipher().connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def _export(path: Path, source_key: str | None, target: Path, target_key: str) -> None:
    """Copy every table into a new file keyed with `target_key` ('' = plain)."""
    conn = _open_with_sqlcipher(path, source_key)
    try:
        key_sql = _literal(target_key) if target_key else "''"
        conn.execute(f"ATTACH DATABASE ? AS target KEY {key_sql}", (str(target),))
        conn.execute("SELECT sqlcipher_export('target')")
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA target.{pragma} = {value}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def convert(path: Path, source_key: str | None, target_key: str | None) -> None:
    """Re-write the journal at `path` with another key (None = plain), atomically.

    Steps: switch the journal out of WAL (so no `-wal`/`-shm` belongs to the old file),
    hold its write lock, export to `.journal.db.converting`, compare fingerprints, fsync,
    rename over the journal. Any failure removes the new file and leaves the old one.
    """
    module = sqlcipher()
    target = path.with_name(f".{path.name}.converting")
    db.remove_quietly(target)
    db.create_private_file(target)
    holder = _open_with_sqlcipher(path, source_key)
    replaced = False
    try:
        holder.execute(f"PRAGMA busy_timeout = {db.BUSY_TIMEOUT_MS}")
        if holder.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
            raise _in_use(path)
        holder.execute("BEGIN IMMEDIATE")
        _export(path, source_key, target, target_key or "")
        check = _open_with_sqlcipher(target, target_key)
        try:
            check.execute("PRAGMA journal_mode = WAL")
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StorageError(f"the converted copy of {path} is damaged; nothing was changed")
            same = _digest(check) == _digest(holder)
        finally:
            check.close()
        if not same:
            raise StorageError(
                f"the converted copy of {path} differs from the journal; nothing was changed"
            )
        db.fsync_file(target)
        target.replace(path)
        replaced = True
        db.fsync_dir(path.parent)
    except sqlite3_errors(module) as exc:
        if db.is_busy(exc):
            raise _in_use(path) from None
        raise StorageError(f"can't convert the journal at {path}: {exc}") from None
    finally:
        _release(holder, restore_wal=not replaced)
        db.remove_quietly(target)
    db.tighten_permissions(path)


def sqlite3_errors(module: ModuleType) -> tuple[type[BaseException], ...]:
    import sqlite3

    return (sqlite3.Error, module.Error)


def _release(holder: Any, restore_wal: bool) -> None:
    """End the lock-holding transaction; after a failure, put the journal back in WAL."""
    with contextlib.suppress(Exception):  # no transaction may be open
        holder.execute("ROLLBACK")
    if restore_wal:
        with contextlib.suppress(Exception):  # best effort; the file stays valid either way
            holder.execute("PRAGMA journal_mode = WAL")
    holder.close()
