"""Quick entries and browsing: `write`, `list`, `show`, `edit`, `delete`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from attachjournal.commands.common import (
    AnxietyOpt,
    AvoidanceOpt,
    JsonOpt,
    PersonOpt,
    StyleOpt,
    is_interactive,
    now_local,
    open_from,
    print_json,
    read_stdin_text,
    show,
    stdin_is_terminal,
    validate_text,
)
from attachjournal.errors import UsageError

WhenOpt = Annotated[
    str | None,
    typer.Option(
        "--at", metavar="WHEN", help="When it happened: '2026-11-03 21:30', 'yesterday 21:30', ..."
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat for more."),
]
IdArg = Annotated[int, typer.Argument(metavar="ID", help="The entry's id (see `list`).")]


def write(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The entry. Leave it out to pipe text in or write in $EDITOR "
            "(which keeps it out of your shell history)."
        ),
    ] = None,
    style: StyleOpt = None,
    person: PersonOpt = None,
    tag: TagOpt = None,
    anxiety: AnxietyOpt = None,
    avoidance: AvoidanceOpt = None,
    at: WhenOpt = None,
) -> None:
    """Write a quick entry and print its id."""
    from attachjournal.dates import parse_moment
    from attachjournal.records import NewEntry

    now = now_local()
    created = parse_moment(at, now) if at else now
    if text is None:
        if stdin_is_terminal():
            from attachjournal.editor import edit_text

            text = edit_text("")
        else:
            text = read_stdin_text()
    body = validate_text(text)
    journal = open_from(ctx)
    from attachjournal.store.entries import add_entry

    with journal.write() as session:
        entry_id = add_entry(
            session,
            NewEntry(
                kind="note",
                text=body,
                created_at=created,
                style=style,
                person=person,
                tags=tuple(tag or ()),
                anxiety=anxiety,
                avoidance=avoidance,
            ),
            now,
        )
    if sys.stdout.isatty():
        typer.echo(f"Saved entry {entry_id}.")
    else:
        typer.echo(str(entry_id))


def list_entries(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="From this day (inclusive), e.g. 'last week'."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="WHEN", help="Up to the end of this day (inclusive).")
    ] = None,
    on: Annotated[str | None, typer.Option(metavar="DAY", help="Only this day.")] = None,
    style: StyleOpt = None,
    person: PersonOpt = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only entries with this tag.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-q", help="Only entries whose text or answers contain this."),
    ] = None,
    limit: Annotated[
        int, typer.Option("-n", "--limit", min=0, help="How many entries to show; 0 for all.")
    ] = 20,
    as_json: JsonOpt = False,
) -> None:
    """List entries, newest first; filters combine."""
    from attachjournal.dates import parse_day, parse_since, parse_until
    from attachjournal.records import EntryFilter, entry_to_dict

    now = now_local()
    start = parse_since(since, now) if since else None
    end = parse_until(until, now) if until else None
    if on:
        day = parse_day(on, now)
        start = max(start, day.start) if start else day.start
        end = min(end, day.end) if end else day.end
    if start and end and start >= end:
        raise UsageError(f"--since {since or on!r} is after --until {until or on!r}")
    filt = EntryFilter(since=start, until=end, style=style, person=person, tag=tag, search=search)
    journal = open_from(ctx)
    from attachjournal.store.entries import count_entries
    from attachjournal.store.entries import list_entries as query

    with journal.read() as session:
        entries = query(session, filt, limit or None)
        total = count_entries(session, filt) if limit and len(entries) == limit else len(entries)
    if as_json:
        print_json([entry_to_dict(entry) for entry in entries])
        return
    if not entries:
        typer.echo(
            "No entries match those filters." if filt != EntryFilter() else "No entries yet."
        )
        return
    from attachjournal.commands.common import console
    from attachjournal.render import entries_table

    out = console()
    out.print(entries_table(entries, out.width))
    if total > len(entries):
        typer.echo(f"Showing the newest {len(entries)} of {total}; use -n 0 to see all.")


def show_entry(ctx: typer.Context, entry_id: IdArg, as_json: JsonOpt = False) -> None:
    """Show one entry with all its answers."""
    from dataclasses import replace

    from attachjournal.records import entry_to_dict

    journal = open_from(ctx)
    from attachjournal.store.entries import get_entry

    with journal.read() as session:
        entry = get_entry(session, entry_id)
    if as_json:
        print_json(entry_to_dict(entry))
        return
    from attachjournal.render import entry_detail

    questions: dict[str, str] = {}
    if entry.template:
        from attachjournal.commands.common import paths_from
        from attachjournal.prompts import load_library, question_texts

        library = load_library(paths_from(ctx).prompts_dir)
        questions = question_texts(library.get(entry.template))
        # Answers are stored with sorted keys; show them in the order they were asked.
        order = [key for key in questions if key in entry.answers]
        order += [key for key in entry.answers if key not in questions]
        entry = replace(entry, answers={key: entry.answers[key] for key in order})
    show(entry_detail(entry, questions))


def edit(
    ctx: typer.Context,
    entry_id: IdArg,
    style: StyleOpt = None,
    person: PersonOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Replace the tags; repeat for more."),
    ] = None,
    anxiety: AnxietyOpt = None,
    avoidance: AvoidanceOpt = None,
    at: WhenOpt = None,
) -> None:
    """Edit an entry: fields by flag, the text in $EDITOR (or piped in)."""
    from attachjournal.dates import parse_moment
    from attachjournal.store.entries import EntryChanges, get_entry, update_entry

    now = now_local()
    created = parse_moment(at, now) if at else None
    field_flags = any(v is not None for v in (style, person, tag, anxiety, avoidance, created))
    journal = open_from(ctx)
    with journal.read() as session:
        current = get_entry(session, entry_id)
    new_text = None
    if not field_flags:
        if stdin_is_terminal():
            from attachjournal.editor import edit_text

            edited = edit_text(current.text)
        else:
            edited = read_stdin_text()
        new_text = validate_text(edited)
        if new_text == current.text:
            typer.echo("Nothing changed.")
            return
    changes = EntryChanges(
        text=new_text,
        style=style,
        person=person,
        tags=None if tag is None else tuple(tag),
        anxiety=anxiety,
        avoidance=avoidance,
        created_at=created,
    )
    with journal.write() as session:
        update_entry(session, entry_id, changes, now)
    typer.echo(f"Updated entry {entry_id}.")


def delete(
    ctx: typer.Context,
    entry_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete an entry (asks first on a terminal; needs --yes otherwise)."""
    from attachjournal.render import local_time
    from attachjournal.store.entries import delete_entry, get_entry

    journal = open_from(ctx)
    with journal.read() as session:
        entry = get_entry(session, entry_id)
    if not yes:
        if not is_interactive():
            raise UsageError(
                f"deleting entry {entry_id} needs confirmation; add --yes when not on a terminal"
            )
        question = (
            f"Delete entry {entry_id} from {local_time(entry.created_at)}? This can't be undone."
        )
        if not typer.confirm(question, default=False):
            typer.echo("Kept it.")
            return
    with journal.write() as session:
        delete_entry(session, entry_id)
    typer.echo(f"Deleted entry {entry_id}.")


def register(app: typer.Typer) -> None:
    app.command("write")(write)
    app.command("list")(list_entries)
    app.command("show")(show_entry)
    app.command("edit")(edit)
    app.command("delete")(delete)
