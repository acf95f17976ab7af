"""The exceptions the command line turns into `Error:` lines and exit codes.

Every failure a person can cause or meet is one of these. Messages name the bad value and
what would be accepted, and never contain entry text: they may end up in a terminal log.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class JournalError(Exception):
    """Base class: the operation failed (exit 1)."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(JournalError):
    """A value given on the command line cannot be used (exit 2)."""

    exit_code = EXIT_USAGE


class NotFoundError(JournalError):
    """An entry, file or template that was asked for does not exist (exit 1)."""


class StorageError(JournalError):
    """The database cannot be opened, read or written (exit 1)."""


class NotAJournalError(StorageError):
    """The file at the database path is not an attachjournal database (exit 1)."""


class CancelledError(JournalError):
    """The person stopped the operation or gave nothing to save (exit 1)."""


class InterruptedByUser(JournalError):
    """Ctrl-C or a closed terminal (exit 130), raised after any draft was saved."""

    exit_code = EXIT_INTERRUPTED
