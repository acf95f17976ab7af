"""Opening the journal in a background thread while the person reads the first question.

`open_journal` imports SQLModel (~0.3-0.5 s), longer than the first question may take to
appear. A guided flow starts this loader once its first prompt has been drawn (starting it
earlier would slow that prompt: both threads would share one GIL), and joins it the first
time it must write. Cheap reads before that go through `store.raw` on plain sqlite3.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from attachjournal.config import Paths

if TYPE_CHECKING:
    from attachjournal.store import Journal
    from attachjournal.store.raw import Rows

T = TypeVar("T")


class JournalLoader:
    """Opens the journal once, in the background; `get()` waits for it."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._thread: threading.Thread | None = None
        self._journal: Journal | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Begin loading (again calls are no-ops)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="open-journal", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            from attachjournal.store import open_journal

            self._journal = open_journal(self.paths)
        except BaseException as exc:  # noqa: BLE001  (re-raised in the caller's thread by get())
            self._error = exc

    @property
    def loaded(self) -> bool:
        return self._journal is not None

    def get(self) -> Journal:
        """The open journal, waiting for the background load (or loading now)."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._journal is not None
        return self._journal

    @contextmanager
    def rows(self) -> Iterator[Rows | None]:
        """Read access without waiting for SQLModel when the journal is current.

        None only when there is no journal yet (nothing to read). A journal that needs an
        upgrade, or an encrypted one, is read through the loaded journal instead.
        """
        from attachjournal.store.raw import current_journal, session_rows

        with current_journal(self.paths.db) as rows:
            if rows is not None or not self.paths.db.exists():
                yield rows
                return
        # Encrypted, or due an upgrade: wait for the real journal and read through it.
        with self.get().read() as session:
            yield session_rows(session)

    def read(self, query: Callable[[Rows], T]) -> T | None:
        """`query(rows)`, or None when there is no journal yet."""
        with self.rows() as rows:
            return None if rows is None else query(rows)

    def close(self) -> None:
        """Wait for a load in progress (never leave an upgrade half-done), then let go."""
        if self._thread is not None:
            self._thread.join()
        if self._journal is not None:
            self._journal.close()
