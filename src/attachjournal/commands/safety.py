"""`backup`, `encrypt` and `decrypt`: keeping the journal safe and private.

The work lives in `backup.py` and `crypto.py`; these commands only gather the paths and
the passphrase and say what happened. SQLCipher is imported only inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from attachjournal.commands.common import now_local, open_from, paths_from
from attachjournal.config import Paths
from attachjournal.errors import JournalError, NotFoundError


def backup(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="A new file, or a folder for a dated copy. Default: a dated file in the "
            "backups folder, which keeps the newest 10 such copies.",
        ),
    ] = None,
) -> None:
    """Copy the journal safely, even while other attachjournal commands write to it."""
    from attachjournal.backup import backup_journal, check_target

    paths = paths_from(ctx)
    _require_journal(paths)
    check_target(path)
    journal = open_from(ctx)
    try:
        dest = backup_journal(journal.path, journal.key, path, paths.backups_dir, now_local())
    finally:
        journal.close()
    how = (
        "encrypted with the journal's passphrase"
        if journal.key
        else "not encrypted: keep it somewhere only you can read"
    )
    typer.echo(f"Backed up the journal to {dest} ({how}).")


def _require_journal(paths: Paths) -> None:
    """Nothing to back up or convert yet (a folder or other oddity is reported later)."""
    if not paths.db.exists() or (paths.db.is_file() and paths.db.stat().st_size == 0):
        raise NotFoundError(
            f"there is no journal at {paths.db} yet; nothing was done",
            hint="Write an entry first, or point --db at your journal.",
        )


def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal at rest with a passphrase (needs the encrypt extra)."""
    from attachjournal import crypto, db

    paths = paths_from(ctx)
    _require_journal(paths)
    crypto.sqlcipher()
    if db.looks_encrypted(paths.db):
        raise JournalError(
            f"the journal at {paths.db} is already encrypted (or is not a journal); "
            "nothing was changed",
            hint="To turn it back into a plain file, run `attachjournal decrypt`.",
        )
    open_from(ctx).close()
    passphrase = crypto.ask_passphrase(
        "New passphrase: ", confirm=True, why="encrypting needs a new passphrase"
    )
    crypto.convert(paths.db, None, passphrase)
    typer.echo(
        f"Encrypted the journal at {paths.db}. Keep the passphrase safe: "
        "without it the journal can't be opened."
    )
    plain = _plain_backups(paths.backups_dir)
    if plain:
        typer.echo(
            f"Note: {len(plain)} earlier backup(s) in {paths.backups_dir} are not encrypted; "
            "delete them if only encrypted copies should exist."
        )


def _plain_backups(folder: Path) -> list[Path]:
    from attachjournal import db

    if not folder.is_dir():
        return []
    return [p for p in folder.glob("*.db") if p.is_file() and not db.looks_encrypted(p)]


def decrypt(ctx: typer.Context) -> None:
    """Turn an encrypted journal back into a plain SQLite file."""
    from attachjournal import crypto, db

    paths = paths_from(ctx)
    _require_journal(paths)
    if not db.looks_encrypted(paths.db):
        db.check_file(paths.db)
        raise JournalError(
            f"the journal at {paths.db} is not encrypted; nothing was changed",
            hint="To encrypt it, run `attachjournal encrypt`.",
        )
    crypto.sqlcipher()
    passphrase = crypto.passphrase_for(paths.db)
    db.check_file(paths.db, passphrase)
    crypto.convert(paths.db, passphrase, None)
    typer.echo(
        f"Decrypted the journal at {paths.db}; it is now a plain SQLite file "
        "that anyone who can read the file can read."
    )


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("encrypt")(encrypt)
    app.command("decrypt")(decrypt)
