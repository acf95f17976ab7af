"""Backups: consistent, owner-only copies of the journal, and pruning of old ones.

Copies use SQLite's online backup API (`db.copy_database`), so a backup taken while
another attachjournal process writes is still a consistent snapshot. Copies the program
names itself in the backups folder (`journal-<UTC time>.db` from `backup`, and
`journal-before-upgrade-…` before schema changes) are pruned to the newest
KEEP_AUTOMATIC; a path the person chose is never pruned or overwritten.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from attachjournal import db
from attachjournal.errors import JournalError, NotFoundError

KEEP_AUTOMATIC = 10
AUTOMATIC_PATTERN = "journal-*.db"


def dated_name(now: datetime) -> str:
    """`journal-20261124T031500Z.db`: sorts by time, names the moment in UTC."""
    return f"journal-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.db"


def _unused(path: Path) -> Path:
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def check_target(target: Path | None) -> None:
    """Refuse a target that can't be used before anything is opened or created."""
    if target is None or target.is_dir():
        return
    if target.exists():
        raise JournalError(
            f"{target} already exists; nothing was written",
            hint="Give a new file name, or a folder to put a dated copy in.",
        )
    if not target.parent.is_dir():
        raise NotFoundError(
            f"the folder {target.parent} does not exist; nothing was written",
            hint="Create the folder first, or give a path in an existing folder.",
        )


def resolve_target(target: Path | None, backups_dir: Path, now: datetime) -> tuple[Path, bool]:
    """Where the copy goes, and whether it is an automatic (prunable) one."""
    if target is None:
        return _unused(backups_dir / dated_name(now)), True
    if target.is_dir():
        return _unused(target / dated_name(now)), False
    check_target(target)
    return target, False


def prune(backups_dir: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Remove all but the newest `keep` automatic backups; returns what was removed."""
    found = [p for p in backups_dir.glob(AUTOMATIC_PATTERN) if p.is_file()]
    found.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    removed = found[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def backup_journal(
    source: Path, key: str | None, target: Path | None, backups_dir: Path, now: datetime
) -> Path:
    """Copy the journal at `source` to `target` (default: the backups folder)."""
    dest, automatic = resolve_target(target, backups_dir, now)
    created = automatic and not backups_dir.exists()
    if automatic:
        db.make_private_dir(backups_dir)
    try:
        db.copy_database(source, dest, key)
    except BaseException:
        if created:  # a failed first backup leaves no empty folder behind
            with contextlib.suppress(OSError):
                backups_dir.rmdir()
        raise
    if automatic:
        prune(backups_dir)
    return dest
