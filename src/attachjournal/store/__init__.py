"""The storage layer: every SQL statement lives in this package (and `db.py`).

`open_journal` checks and prepares the file (asking for the passphrase of an encrypted
one), then hands back a `Journal` whose `read()` and `write()` give sessions. Writers
take SQLite's write lock at BEGIN and keep retrying while another process holds it, so
concurrent processes queue instead of failing. Database errors leave here as
`StorageError` carrying SQLite's own message only: SQLAlchemy's text would include the
statement's parameters, which can be entry text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attachjournal import db
from attachjournal.config import Paths
from attachjournal.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

FULL_HINT = "Free some disk space and try again; nothing was saved."
DAMAGED_HINT = (
    "The file is damaged: restore a copy from your backups folder (see `attachjournal info`)."
)


def _storage_error(exc: Exception, doing: str, path: Path) -> StorageError:
    reason = getattr(exc, "orig", None) or exc
    message = str(reason).splitlines()[0] if str(reason) else type(reason).__name__
    lowered = message.lower()
    if "disk is full" in lowered or "disk i/o error" in lowered:
        return StorageError(
            f"the journal at {path} could not be {doing}: the disk is full or failing ({message})",
            hint=FULL_HINT,
        )
    if "malformed" in lowered or "not a database" in lowered:
        return StorageError(
            f"the journal at {path} could not be {doing}: {message}", hint=DAMAGED_HINT
        )
    if db.is_busy(reason):
        return StorageError(
            f"the journal at {path} could not be {doing}: another attachjournal command kept "
            f"it busy for over {db.WRITE_WAIT_SECONDS:.0f} s",
            hint="Try again when it has finished; nothing was saved.",
        )
    return StorageError(f"the journal at {path} could not be {doing}: {message}")


class Journal:
    """An open journal database (`key` is the passphrase of an encrypted one)."""

    def __init__(self, engine: Engine, path: Path, key: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.key = key
        self.identity = db.file_identity(path)

    def __repr__(self) -> str:  # never show the key
        return f"Journal({str(self.path)!r}, encrypted={self.key is not None})"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        try:
            with Session(self.engine) as session:
                yield session
        except Exception as exc:
            if not (isinstance(exc, DBAPIError) or db.is_db_error(exc)):
                raise
            raise _storage_error(exc, "read", self.path) from None

    def _begin_write(self) -> Session:
        """A session holding the write lock, retried while another writer holds it."""
        from sqlmodel import Session

        def attempt() -> Session:
            session = Session(self.engine.execution_options(immediate=True))
            try:
                session.connection()
            except BaseException:
                session.close()
                raise
            if db.file_identity(self.path) != self.identity:
                session.close()
                raise StorageError(
                    f"the journal at {self.path} was replaced (encrypted, decrypted or "
                    "restored) while this command ran; nothing was saved",
                    hint="Run the command again.",
                )
            return session

        return db.retry_busy(attempt)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that holds the write lock and commits all or nothing."""
        from sqlalchemy.exc import DBAPIError

        try:
            session = self._begin_write()
            with session:
                yield session
                session.commit()
        except Exception as exc:
            # Raw driver errors too: bulk code may use the session's DB-API connection.
            if not (isinstance(exc, DBAPIError) or db.is_db_error(exc)):
                raise
            raise _storage_error(exc, "written", self.path) from None

    def close(self) -> None:
        self.engine.dispose()


def open_journal(paths: Paths, passphrase: Callable[[Path], str] | None = None) -> Journal:
    """Check, create or upgrade the journal file and return it ready for use.

    For an encrypted journal `passphrase(path)` is asked for the key (default: the
    environment, or a prompt without echo on a terminal).
    """
    import sqlmodel  # noqa: F401  (loads the models' dependencies once, up front)

    from attachjournal import models  # noqa: F401  (registers the tables)

    key = _key_for(paths, passphrase)
    db.prepare(paths.db, paths.backups_dir, key)
    if key is not None:
        from attachjournal import crypto

        crypto.remember(paths.db, key)
    engine = db.create_engine_for(paths.db, key, json_serializer=_json_dumps)
    return Journal(engine, paths.db, key)


def open_raw(paths: Paths, passphrase: Callable[[Path], str] | None = None) -> Any:
    """A plain DB-API connection to the prepared journal, in autocommit mode, with the
    engine's pragmas: SQLCipher's driver for an encrypted journal, sqlite3 otherwise.

    For bulk reads that skip SQLAlchemy; they work on encrypted journals too this way.
    """
    key = _key_for(paths, passphrase)
    db.prepare(paths.db, paths.backups_dir, key)
    try:
        conn = db.connect(paths.db, key)
        for pragma in db.CONNECTION_PRAGMAS:
            conn.execute(pragma)
    except Exception as exc:
        if not db.is_db_error(exc):
            raise
        raise StorageError(f"can't open the journal at {paths.db}: {exc}") from None
    return conn


def _key_for(paths: Paths, passphrase: Callable[[Path], str] | None) -> str | None:
    """None for a plain journal; the (remembered or asked) passphrase of an encrypted one."""
    if not db.looks_encrypted(paths.db):
        return None
    if not db.sqlcipher_installed():
        raise db.encrypted_without_key(paths.db)
    from attachjournal import crypto

    return (passphrase or crypto.passphrase_for)(paths.db)


def unlock(paths: Paths) -> str | None:
    """Ask for an encrypted journal's passphrase now and check it; None if it is plain.

    A command that later opens the journal on a background thread (or twice) calls this
    first, on the main thread, so the question never competes with another prompt.
    """
    key = _key_for(paths, None)
    if key is None:
        return None
    from attachjournal import crypto

    crypto.connect(paths.db, key).close()
    crypto.remember(paths.db, key)
    return key


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
