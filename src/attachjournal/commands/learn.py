"""`learn [STYLE]`: short explanations of the styles and the ideas behind the prompts.

The texts live in `attachjournal.learn`; this module only lays them out with Rich. Like
`prompts`, it never touches the journal, so it starts without SQLModel or questionary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from attachjournal.commands.common import console
from attachjournal.learn import (
    OVERVIEW,
    SAFETY_NOTE,
    STYLE_NOTES,
    TRAPS,
    TRAPS_INTRO,
    Section,
)
from attachjournal.styles import STYLES, normalize_style

if TYPE_CHECKING:
    from rich.console import RenderableType


def learn(
    ctx: typer.Context,
    style: Annotated[
        str | None,
        typer.Argument(
            metavar="STYLE",
            help="One style to read about: anxious, avoidant, fearful or secure.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Explain the attachment styles and the ideas the prompts use, briefly."""
    if style is None:
        console().print(overview())
        return
    name = normalize_style(style)
    from attachjournal.commands.prompts import load_for

    templates = [t for t in load_for(ctx).for_style(name) if name in t.styles]
    console().print(style_page(name, [(t.id, t.title) for t in templates]))


def _heading(title: str) -> RenderableType:
    from rich.text import Text

    return Text(title, "bold underline")


def _indented(text: str) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text), (0, 0, 0, 2))


def _bullets(items: tuple[str, ...] | list[str]) -> RenderableType:
    """A list with hanging indents, so wrapped lines line up under the text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("  •", item)
    return grid


def _section(section: Section) -> list[RenderableType]:
    from rich.text import Text

    return [_heading(section.title), *map(_indented, section.paragraphs), Text()]


def _styles_table() -> RenderableType:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("style", "anxiety", "avoidance", "what it can look like"):
        table.add_column(column, no_wrap=column != "what it can look like")
    for style in STYLES.values():
        table.add_row(style.name, style.anxiety, style.avoidance, style.summary)
    return table


def overview() -> RenderableType:
    """The whole `learn` page."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    for index, section in enumerate(OVERVIEW):
        parts += _section(section)
        if index == 1:
            parts += [
                _heading("Four styles"),
                _indented("Each style is a region on those two lines:"),
                _styles_table(),
                Text(),
            ]
    traps = Table.grid(padding=(0, 2))
    traps.add_column(no_wrap=True, style="bold")
    traps.add_column()
    for name, meaning in TRAPS.items():
        traps.add_row(name, meaning)
    parts += [_heading("Thinking traps"), _indented(TRAPS_INTRO), traps, Text()]
    parts += [
        Text("More on one style: attachjournal learn anxious (or avoidant, fearful, secure)."),
        Text(),
        Text(SAFETY_NOTE, "dim"),
    ]
    return Group(*parts)


def style_page(name: str, templates: list[tuple[str, str]]) -> RenderableType:
    """One style: what it can look like, under threat, origins, steps, templates to try."""
    from rich.console import Group
    from rich.text import Text

    style, notes = STYLES[name], STYLE_NOTES[name]
    heading = name.capitalize()
    if style.long_name != name:
        heading += f" ({style.long_name})"

    parts: list[RenderableType] = [
        Text(heading, "bold"),
        Text(f"anxiety {style.anxiety} · avoidance {style.avoidance}", "dim"),
        Text(f"A lens for moments of {style.summary}."),
        Text(),
        _heading("What it can look like"),
        _bullets(notes.looks_like),
        Text(),
        _heading("When closeness feels threatened"),
        _indented(notes.under_threat),
        Text(),
        _heading("Where it can come from"),
        _indented(notes.origins),
        Text(),
        _heading("Steps toward feeling secure"),
        _bullets(notes.toward_security),
        Text(),
    ]
    if templates:
        parts += [
            _heading("Templates to try"),
            _bullets([f"{tid}: {title}" for tid, title in templates]),
            _indented(f"Start one with: attachjournal reflect --template {templates[0][0]}"),
            Text(),
        ]
    parts.append(Text(SAFETY_NOTE, "dim"))
    return Group(*parts)


def register(app: typer.Typer) -> None:
    app.command("learn")(learn)
