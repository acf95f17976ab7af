"""Files the journal writes outside its database: owner-only, and never half-written.

Exports hold the most private text a person has, so they get the journal's own
permissions (files 0600, new folders 0700). A single-file export is written to a
temporary file beside the target and renamed over it at the end, so a failure or
Ctrl-C leaves either the old file or the complete new one, never a torn one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from attachjournal.db import PRIVATE_FILE, make_private_dir
from attachjournal.errors import JournalError, UsageError

BUFFER_BYTES = 1 << 20


def _open_private(path: Path, flags: int) -> TextIO:
    try:
        fd = os.open(path, flags | os.O_WRONLY, PRIVATE_FILE)
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder; give a file name for --output") from None
    except OSError as exc:
        raise JournalError(f"can't write {path}: {exc.strerror}") from None
    os.fchmod(fd, PRIVATE_FILE)
    return open(fd, "w", encoding="utf-8", newline="\n", buffering=BUFFER_BYTES)  # noqa: PTH123


@contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` (mode 0600) only if the block succeeds."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name for --output")
    make_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    handle = _open_private(temporary, os.O_CREAT | os.O_EXCL)
    try:
        with handle:
            yield handle
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_private(path: Path, text: str) -> None:
    """Write one small file in a folder prepared with `private_folder`, replacing it."""
    with _open_private(path, os.O_CREAT | os.O_TRUNC) as handle:
        handle.write(text)


def private_folder(path: Path) -> Path:
    """`path` as an existing folder (created 0700 with its parents if missing)."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path} is a file; --split needs a folder for --output")
    make_private_dir(path)
    return path
