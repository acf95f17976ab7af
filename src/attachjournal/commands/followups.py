"""`followups` (secure actions that are due) and `followup ID` (how one went)."""

from __future__ import annotations

from typing import Annotated

import typer

from attachjournal.commands.common import JsonOpt, now_local, open_from, print_json, show
from attachjournal.errors import UsageError


def followups(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="Also list open actions that are not due yet.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the secure actions you planned that are due and still open."""
    from attachjournal.records import followup_to_dict
    from attachjournal.store.followups import due_followups, open_followups
    from attachjournal.store.raw import session_rows

    today = now_local().date()
    journal = open_from(ctx)
    with journal.read() as session:
        rows = session_rows(session)
        listed = open_followups(rows) if show_all else due_followups(rows, today)
        waiting = 0 if show_all else len(open_followups(rows)) - len(listed)
    if as_json:
        print_json(
            [{**followup_to_dict(item.followup), "entry_id": item.entry_id} for item in listed]
        )
        return
    if not listed:
        typer.echo("Nothing is due. Plan a secure step at the end of a reflection to see it here.")
    else:
        from attachjournal.render_followups import followups_table

        show(followups_table(listed, today))
        typer.echo("Record how one went: attachjournal followup ID --done (or --not-done).")
    if waiting:
        typer.echo(f"{waiting} more planned for later (see --all).")


def followup(
    ctx: typer.Context,
    followup_id: Annotated[
        int, typer.Argument(metavar="ID", help="The follow-up's id (see `followups`).")
    ],
    done: Annotated[
        bool | None,
        typer.Option("--done/--not-done", help="Whether you took the step."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-m", help="A few words on how it went.")
    ] = None,
) -> None:
    """Record how a planned secure action went."""
    if done is None:
        raise UsageError("say how it went with --done or --not-done")
    from attachjournal.store.followups import get_followup, record_outcome
    from attachjournal.store.raw import session_rows

    now = now_local()
    journal = open_from(ctx)
    with journal.read() as session:
        planned = get_followup(session_rows(session), followup_id)
    with journal.write() as session:
        record_outcome(session, followup_id, "done" if done else "not_done", note, now)
    again = "" if planned.followup.status == "open" else " (updated)"
    outcome = "done" if done else "not done this time"
    typer.echo(f"Follow-up {followup_id} recorded as {outcome}{again}: {planned.followup.action}")


def register(app: typer.Typer) -> None:
    app.command("followups")(followups)
    app.command("followup")(followup)
