"""What many commands share: the clock, the open journal, option types, input and output.

Kept free of SQLModel at import time: `open_from` imports the store only when called.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from attachjournal.config import Paths, resolve_paths
from attachjournal.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from attachjournal.store import Journal

MAX_TEXT_BYTES = 1_000_000


def now_local() -> datetime:
    """The current moment in the person's local zone (DST-aware)."""
    from dateutil.tz import tzlocal

    return datetime.now(tzlocal())


def paths_from(ctx: typer.Context) -> Paths:
    state = ctx.find_root().obj
    return resolve_paths(getattr(state, "db", None))


def open_from(ctx: typer.Context) -> Journal:
    """Open (creating or upgrading if needed) the journal this run points at; it is
    closed when the command ends, so no connection outlives it."""
    from attachjournal.store import open_journal

    journal = open_journal(paths_from(ctx))
    ctx.call_on_close(journal.close)
    return journal


def is_interactive() -> bool:
    """True when a person is at a terminal on both ends."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def style_option(value: str | None) -> str | None:
    """Typer parser for --style: accepts names and long aliases."""
    if value is None:
        return None
    from attachjournal.styles import normalize_style

    try:
        return normalize_style(value)
    except UsageError as exc:
        raise typer.BadParameter(exc.message) from None


StyleOpt = Annotated[
    str | None,
    typer.Option(
        "--style",
        "-s",
        parser=style_option,
        metavar="STYLE",
        help="Lens for this entry: anxious, avoidant, fearful or secure.",
    ),
]
PersonOpt = Annotated[str | None, typer.Option("--person", "-p", help="Who the moment was with.")]
AnxietyOpt = Annotated[
    int | None,
    typer.Option(
        "--anxiety", min=0, max=10, help="How strong the worry was, 0 (none) to 10 (overwhelming)."
    ),
]
AvoidanceOpt = Annotated[
    int | None,
    typer.Option(
        "--avoidance",
        min=0,
        max=10,
        help="How strong the urge to pull away was, 0 (none) to 10 (overwhelming).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def validate_text(text: str) -> str:
    """Entry text as saved: trimmed, not empty, at most MAX_TEXT_BYTES."""
    from attachjournal.errors import CancelledError

    cleaned = text.strip()
    if not cleaned:
        raise CancelledError("the entry is empty; nothing was saved")
    size = len(cleaned.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise UsageError(
            f"the entry is {size / 1_000_000:.1f} MB; an entry can be at most "
            f"{MAX_TEXT_BYTES // 1_000_000} MB of text",
            hint="Split it into several entries.",
        )
    return cleaned


def read_stdin_text() -> str:
    """All of standard input as UTF-8, refusing invalid bytes and oversized input early."""
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES * 4 + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"standard input is not valid UTF-8 text (bad byte at position {exc.start})",
            hint="Convert it first, e.g. with `iconv -t UTF-8`.",
        ) from None


def editor_env() -> dict[str, str]:
    return dict(os.environ)
