"""Guided flows: `today`, `reflect` and `checkin` (questionary, on a terminal only).

Heavy imports wait inside the functions: the template library (plain TOML) loads first and
the first question is drawn before SQLModel is imported, which happens in a background
thread started once that question is on screen (see `loading.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from attachjournal.commands.common import PersonOpt, StyleOpt, is_interactive, paths_from
from attachjournal.errors import JournalError

if TYPE_CHECKING:
    from attachjournal.asking import Asker
    from attachjournal.guide import Guide
    from attachjournal.loading import JournalLoader


def make_asker(loader: JournalLoader) -> Asker:
    """The terminal asker (questionary, loaded once the first question is painted; the
    journal loads once that prompt is drawn). Tests replace this with a scripted one."""
    from attachjournal.firstpaint import FirstPaintAsker

    def questionary_asker(live: Callable[[], None]) -> Asker:
        from attachjournal.ui import QuestionaryAsker

        return QuestionaryAsker(on_first_prompt=live)

    return FirstPaintAsker(questionary_asker, on_live=loader.start)


def _guide(ctx: typer.Context, command: str, template_id: str | None = None) -> Guide:
    """Load the library, check the arguments, then make sure a person is at a terminal."""
    from attachjournal.commands.prompts import load_for
    from attachjournal.guide import Guide, find_template
    from attachjournal.loading import JournalLoader

    paths = paths_from(ctx)
    library = load_for(ctx)  # built-ins and the person's own; warns about broken files
    if template_id is not None:
        find_template(library, template_id)
    if not is_interactive():
        raise JournalError(
            f"`{command}` asks its questions on a terminal, and this is not one",
            hint="To save an entry from a script or a pipe, use `attachjournal write` "
            "(with --anxiety/--avoidance for a quick check-in).",
        )
    from attachjournal import db

    if db.looks_encrypted(paths.db):
        # Ask for the passphrase now, on this thread, before any question is on screen;
        # the background load then finds it remembered.
        from attachjournal.store import unlock

        unlock(paths)
    loader = JournalLoader(paths)
    # The current offset is all a flow needs (it keeps dates, not spans), and skipping
    # dateutil's tzlocal saves a few hundredths of a second before the first question.
    now = datetime.now().astimezone()
    return Guide(make_asker(loader), loader, library, now)


def today(ctx: typer.Context) -> None:
    """Today's reflection: due follow-ups, a suggested prompt and why, then the questions."""
    guide = _guide(ctx, "today")
    try:
        guide.today()
    finally:
        guide.loader.close()


def reflect(
    ctx: typer.Context,
    style: StyleOpt = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", "-t", metavar="ID", help="Template id (see `attachjournal prompts list`)."
        ),
    ] = None,
    person: PersonOpt = None,
) -> None:
    """A guided reflection on one moment, from a prompt template; saves one entry."""
    guide = _guide(ctx, "reflect", template)
    try:
        guide.reflect(template, style, person)
    finally:
        guide.loader.close()


def checkin(ctx: typer.Context, person: PersonOpt = None) -> None:
    """A 60-second check-in: two ratings, optionally a person, one line."""
    guide = _guide(ctx, "checkin")
    try:
        guide.checkin(person)
    finally:
        guide.loader.close()


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("reflect")(reflect)
    app.command("checkin")(checkin)
