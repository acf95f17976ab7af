"""`export` and `import`: moving entries out to Markdown, JSON or a therapy brief, and in
from this tool's JSON or jrnl's.

Thin: options are checked here, entries stream from `store.bulk` into one exporter from
`export.py`, imports are parsed by `importers.py` before the journal is opened. Status
lines go to stderr whenever the document itself goes to stdout, so a pipe gets only the
document.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from attachjournal.commands.common import now_local, open_from, paths_from
from attachjournal.errors import UsageError

if TYPE_CHECKING:
    from datetime import datetime

    from attachjournal.records import EntryFilter, EntryRecord


class ExportFormat(StrEnum):
    markdown = "markdown"
    json = "json"


class ImportFormat(StrEnum):
    json = "json"
    jrnl = "jrnl"


SinceOpt = Annotated[
    str | None,
    typer.Option(metavar="WHEN", help="From this day (inclusive), e.g. '2026-11-01', 'last week'."),
]
UntilOpt = Annotated[
    str | None, typer.Option(metavar="WHEN", help="Up to the end of this day (inclusive).")
]


@contextmanager
def stdout_text() -> Iterator[TextIO]:
    """Standard output as buffered UTF-8 text, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()


def say(message: str, *, to_stderr: bool) -> None:
    typer.echo(message, err=to_stderr)


def _period(
    since: str | None, until: str | None, now: datetime
) -> tuple[datetime | None, datetime | None]:
    from attachjournal.dates import parse_since, parse_until

    start = parse_since(since, now) if since else None
    end = parse_until(until, now) if until else None
    if start and end and start >= end:
        raise UsageError(f"--since {since!r} is after --until {until!r}")
    return start, end


def _title(filt: EntryFilter) -> str:
    def day(moment: datetime) -> str:
        return moment.astimezone().strftime("%Y-%m-%d")

    if filt.since and filt.until:
        return f"Journal, {day(filt.since)} to {day(filt.until)} (not included)"
    if filt.since:
        return f"Journal, from {day(filt.since)}"
    if filt.until:
        return f"Journal, up to {day(filt.until)} (not included)"
    return "Journal"


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown: a readable document; json: everything, for `import` on any machine.",
        ),
    ] = ExportFormat.markdown,
    since: SinceOpt = None,
    until: UntilOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file (a folder with --split) instead of standard output. "
            "Files are readable only by you.",
        ),
    ] = None,
    split: Annotated[
        bool,
        typer.Option(
            "--split",
            help="One Markdown file per entry, with YAML front matter, into the --output "
            "folder (for Obsidian and other note apps).",
        ),
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="A short brief to bring to a therapy session (default: since your last "
            "brief, or the last two weeks).",
        ),
    ] = False,
) -> None:
    """Export entries as Markdown or JSON, or a short brief for a therapy session."""
    if brief and (split or fmt is not ExportFormat.markdown):
        raise UsageError("--brief is Markdown only; leave out --split and --format json")
    if split and fmt is not ExportFormat.markdown:
        raise UsageError("--split writes Markdown files; leave out --format json")
    if split and output is None:
        raise UsageError("--split needs a folder: add --output DIR")
    now = now_local()
    start, end = _period(since, until, now)
    if brief:
        export_brief(ctx, start, end, output, now)
        return
    from attachjournal.records import EntryFilter

    filt = EntryFilter(since=start, until=end)
    from attachjournal.store.bulk import iter_entries, reading

    with reading(paths_from(ctx)) as conn, closing(iter_entries(conn, filt)) as entries:
        first = next(entries, None)
        if first is None:
            nothing = "No entries in that period" if start or end else "No entries yet"
            say(f"{nothing}; nothing was exported.", to_stderr=output is None)
            return
        count = _write(_chain(first, entries), fmt, output, split, _title(filt))
    if output is not None:
        noun = "entry" if count == 1 else "entries"
        typer.echo(f"Exported {count} {noun} to {output}.")


def _chain(first: EntryRecord, rest: Iterator[EntryRecord]) -> Iterator[EntryRecord]:
    yield first
    yield from rest


def _write(
    entries: Iterator[EntryRecord], fmt: ExportFormat, output: Path | None, split: bool, title: str
) -> int:
    from attachjournal.export import (
        Exporter,
        JsonExporter,
        MarkdownExporter,
        SplitMarkdownExporter,
    )
    from attachjournal.privatefiles import private_file, private_folder

    if split:
        assert output is not None
        return SplitMarkdownExporter(private_folder(output)).export(entries)

    def exporter(out: TextIO) -> Exporter:
        return JsonExporter(out) if fmt is ExportFormat.json else MarkdownExporter(out, title)

    if output is None:
        with stdout_text() as out:
            return exporter(out).export(entries)
    with private_file(output) as out:
        return exporter(out).export(entries)


def export_brief(
    ctx: typer.Context,
    since: datetime | None,
    until: datetime | None,
    output: Path | None,
    now: datetime,
) -> None:
    """Make the therapy brief for the period and remember it was made."""
    from attachjournal.brief import BriefBuilder, default_start, render_brief
    from attachjournal.dates import local_midnight
    from attachjournal.records import EntryFilter
    from attachjournal.store.briefs import last_brief_end, record_brief
    from attachjournal.store.bulk import iter_entries

    journal = open_from(ctx)
    end = until or now
    today = local_midnight(now.date(), now.tzinfo)
    with journal.read() as session:
        last_end = None if since else last_brief_end(session, today)
        if since:
            start, reason = since, "the period I chose"
        elif last_end is not None and last_end < end:
            start, reason = last_end, "since my last brief"
        else:
            start, reason = default_start(None, now), "the last two weeks"
        builder = BriefBuilder(now.tzinfo)
        with closing(iter_entries(session, EntryFilter(since=start, until=end))) as entries:
            for entry in entries:
                builder.add(entry)
    if not builder.entries:
        when = "since your last brief" if reason.startswith("since") else "in that period"
        say(f"No entries {when}; there is nothing to brief yet.", to_stderr=output is None)
        return
    text = render_brief(builder.build(start, end, reason), now.tzinfo)
    if output is None:
        with stdout_text() as out:
            out.write(text)
    else:
        from attachjournal.privatefiles import private_file

        with private_file(output) as out:
            out.write(text)
    with journal.write() as session:
        record_brief(session, now, start, end)
    if output is not None:
        typer.echo(f"Wrote the brief to {output}.")


def import_entries(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The file to import.", show_default=False)
    ],
    fmt: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: a file from `attachjournal export --format json`; "
            "jrnl: a file from `jrnl --format json`.",
        ),
    ] = ImportFormat.json,
) -> None:
    """Import entries from a JSON export or from jrnl; importing twice adds nothing."""
    from dateutil.tz import tzlocal

    from attachjournal.importers import read_import

    items = read_import(path, fmt.value, tzlocal())
    if not items:
        typer.echo(f"{path} has no entries; nothing was imported.")
        return
    journal = open_from(ctx)
    from attachjournal.store.bulk import import_entries as store_entries

    with journal.write() as session:
        result = store_entries(session, items)
    typer.echo(
        f"Imported {path}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} already up to date."
    )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_entries)
