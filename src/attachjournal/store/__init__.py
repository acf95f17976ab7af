"""The storage layer: every SQL statement lives in this package (and `db.py`).

`open_journal` checks and prepares the file, then hands back a `Journal` whose `read()`
and `write()` give sessions. Writers take SQLite's write lock at BEGIN, so concurrent
processes queue behind the busy timeout instead of failing. Database errors leave here as
`StorageError` carrying SQLite's own message only: SQLAlchemy's text would include the
statement's parameters, which can be entry text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from attachjournal import db
from attachjournal.config import Paths
from attachjournal.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


def _storage_error(exc: Exception, doing: str, path: Path) -> StorageError:
    reason = getattr(exc, "orig", None) or exc
    message = str(reason).splitlines()[0] if str(reason) else type(reason).__name__
    return StorageError(f"the journal at {path} could not be {doing}: {message}")


class Journal:
    """An open journal database."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        try:
            with Session(self.engine) as session:
                yield session
        except DBAPIError as exc:
            raise _storage_error(exc, "read", self.path) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that holds the write lock and commits all or nothing."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        try:
            with Session(self.engine.execution_options(immediate=True)) as session:
                yield session
                session.commit()
        except DBAPIError as exc:
            raise _storage_error(exc, "written", self.path) from None

    def close(self) -> None:
        self.engine.dispose()


def open_journal(paths: Paths) -> Journal:
    """Check, create or upgrade the journal file and return it ready for use."""
    import sqlmodel  # noqa: F401  (loads the models' dependencies once, up front)

    from attachjournal import models  # noqa: F401  (registers the tables)

    db.prepare(paths.db, paths.backups_dir)
    engine = db.create_engine_for(paths.db, json_serializer=_json_dumps)
    return Journal(engine, paths.db)


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
