"""`info`: version, paths, schema version and counts."""

from __future__ import annotations

import typer

from attachjournal import __version__
from attachjournal.commands.common import JsonOpt, open_from, paths_from, print_json, show


def info(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show the version, where your files live, the schema version and entry counts."""
    from attachjournal.render import info_facts, info_view

    paths = paths_from(ctx)
    where = {
        "database": str(paths.db),
        "config": str(paths.config_file),
        "prompts_folder": str(paths.prompts_dir),
        "backups_folder": str(paths.backups_dir),
    }
    details = None
    if paths.db.exists():
        from attachjournal.migrations import LATEST_VERSION
        from attachjournal.store.entries import journal_info

        journal = open_from(ctx)
        with journal.read() as session:
            details = journal_info(session, LATEST_VERSION)
    facts = info_facts(details, where, __version__)
    if details is None:
        facts["entries"] = 0
        facts["note"] = "the journal is created by the first entry you write"
    if as_json:
        print_json(facts)
    else:
        show(info_view(facts))


def register(app: typer.Typer) -> None:
    app.command("info")(info)
