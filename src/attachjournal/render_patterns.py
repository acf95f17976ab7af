"""Rich view of the longer pattern review behind `patterns`.

Like the week view, it takes a frozen summary and a width and returns renderables. The
anxiety × avoidance plane and the calendar are drawn cell by cell because Rich has no
chart widget, and both stay small enough to read at a glance: the plane is 41 × 11 cells,
the calendar one column per week, wrapping into blocks that fit the width and running on
across a new year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from attachjournal.patterns import PARTS_OF_DAY, PatternSummary, PlanePoint, Recurring
from attachjournal.render import STYLE_COLOURS
from attachjournal.render_summary import (
    DAY_NAMES,
    WIDE,
    average_text,
    bar,
    day_label,
    heading,
    observations_view,
    pair,
    plural,
    quote,
)
from attachjournal.summary import MIN_OCCURRENCES

HEAT = ("·", "░", "▒", "▓", "█")
PLANE_COLS = 41
PLANE_ROWS = 11
MAX_TRIGGERS = 8


def _calendar_block(mondays: Sequence[date], summary: PatternSummary, cell: int) -> list[Text]:
    """Seven weekday rows of heat cells (one column per week) under a month label row."""
    labels = [" "] * (len(mondays) * cell)
    wanted: list[tuple[int, str]] = []
    for column, monday in enumerate(mondays):
        first = next(
            (monday + timedelta(days=n) for n in range(7) if (monday + timedelta(days=n)).day == 1),
            None,
        )
        if column == 0 or first is not None:
            shown = first or monday
            wanted.append((column * cell, f"{shown:%b'%y}" if shown.month == 1 else f"{shown:%b}"))
    # A month that starts inside the block outranks the block's opening label.
    taken: list[tuple[int, int]] = []
    for position, name in sorted(wanted, key=lambda item: item[0] == 0):
        end = position + len(name)
        if end <= len(labels) and all(end < left or position > right for left, right in taken):
            labels[position:end] = list(name)
            taken.append((position, end))
    lines = [Text("    " + "".join(labels).rstrip(), style="dim")]
    for weekday, name in enumerate(DAY_NAMES):
        row = Text(f"{name} ", style="dim")
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            if day < summary.start or day > summary.end:
                row.append(" " * cell)
                continue
            count = summary.calendar.get(day, 0)
            symbol = HEAT[min(count, len(HEAT) - 1)]
            row.append(symbol, style="dim" if count == 0 else "green")
            row.append(" " * (cell - 1))
        lines.append(row)
    return lines


def calendar_view(summary: PatternSummary, width: int) -> RenderableType:
    """Days journaled as a heat map: one column per week, wrapping into blocks, with the
    weeks running straight on across a new year."""
    first = summary.start - timedelta(days=summary.start.weekday())
    mondays = []
    monday = first
    while monday <= summary.end:
        mondays.append(monday)
        monday += timedelta(days=7)
    room = max(8, width - 5)
    cell = 2 if len(mondays) * 2 <= room else 1
    per_block = max(1, room // cell)
    lines: list[RenderableType] = [heading("Days you wrote")]
    for index in range(0, len(mondays), per_block):
        if index:
            lines.append(Text(""))
        lines.extend(_calendar_block(mondays[index : index + per_block], summary, cell))
    legend = Text("    none ", style="dim")
    for count, symbol in enumerate(HEAT[1:], start=1):
        legend.append(symbol, style="green")
        legend.append(f" {count}{'+' if count == len(HEAT) - 1 else ''}  ", style="dim")
    lines.append(legend)
    return Group(*lines)


def _plane_cell(avoidance: float, anxiety: float) -> tuple[int, int]:
    column = int(avoidance / 10 * (PLANE_COLS - 1) + 0.5)
    row = PLANE_ROWS - 1 - int(anxiety / 10 * (PLANE_ROWS - 1) + 0.5)
    return row, column


def plane_grid(points: Sequence[PlanePoint]) -> list[list[tuple[str, str]]]:
    """The plane as rows of (character, style): anxiety up, avoidance across, the four
    regions in their corners, the weekly path drawn dot by dot from first to latest."""
    middle_row, middle_col = PLANE_ROWS // 2, PLANE_COLS // 2
    grid = [[(" ", "")] * PLANE_COLS for _ in range(PLANE_ROWS)]
    for row in range(PLANE_ROWS):
        grid[row][middle_col] = ("│", "dim")
    for column in range(PLANE_COLS):
        grid[middle_row][column] = ("─", "dim")
    grid[middle_row][middle_col] = ("┼", "dim")
    corners = (
        ("anxious", 0, 1),
        ("fearful", 0, PLANE_COLS - 1 - len("fearful")),
        ("secure", PLANE_ROWS - 1, 1),
        ("avoidant", PLANE_ROWS - 1, PLANE_COLS - 1 - len("avoidant")),
    )
    for name, row, start in corners:
        for offset, char in enumerate(name):
            grid[row][start + offset] = (char, STYLE_COLOURS[name])
    cells = [_plane_cell(point.avoidance, point.anxiety) for point in points]
    for (row_a, col_a), (row_b, col_b) in pairwise(cells):
        steps = max(abs(row_b - row_a), abs(col_b - col_a))
        for step in range(1, steps):
            row = row_a + round((row_b - row_a) * step / steps)
            column = col_a + round((col_b - col_a) * step / steps)
            grid[row][column] = ("·", "")
    for index, (row, column) in enumerate(cells):
        if index == len(cells) - 1:
            grid[row][column] = ("●", "bold")
        elif index == 0:
            grid[row][column] = ("○", "")
        else:
            grid[row][column] = ("•", "")
    return grid


def plane_view(summary: PatternSummary) -> RenderableType:
    """The weekly path across the anxiety × avoidance plane, secure in its low/low corner."""
    title = "Worry × pulling away, week by week"
    if summary.person:
        title += f" (with {summary.person})"
    parts: list[RenderableType] = [Text(title, style="bold")]
    points = summary.plane
    if len(points) == 0:
        parts.append(Text("No entries rated on both scales yet.", style="dim"))
        return Group(*parts)
    for index, row in enumerate(plane_grid(points)):
        gutter = {0: "10 ", PLANE_ROWS // 2: " 5 ", PLANE_ROWS - 1: " 0 "}.get(index, "   ")
        line = Text(gutter, style="dim")
        line.append("┤" if index in (0, PLANE_ROWS // 2, PLANE_ROWS - 1) else "│", style="dim")
        for char, style in row:
            line.append(char, style=style)
        parts.append(line)
    axis = " " * 3 + "└" + "─" * (PLANE_COLS // 2) + "┴" + "─" * (PLANE_COLS // 2) + "┘"
    parts.append(Text(axis, style="dim"))
    labels = " " * 4 + "0" + " " * (PLANE_COLS // 2 - 1) + "5" + " " * (PLANE_COLS // 2 - 2)
    parts.append(Text(labels + "10", style="dim"))
    parts.append(Text("    worry ↑ · pulling away →", style="dim"))
    latest = points[-1]
    if len(points) == 1:
        legend = Text(f"● {latest.week}")
    else:
        legend = Text(f"○ {points[0].week} … ● {latest.week}")
        legend.append(f" ({len(points)} weeks)", style="dim")
    parts.append(legend)
    parts.append(
        Text(
            f"latest: worry {latest.anxiety:.1f}, pulling away {latest.avoidance:.1f} "
            f"({latest.region} quarter)",
            style="dim",
        )
    )
    return Group(*parts)


def _lens_counts(by_style: Sequence[tuple[str, int]]) -> Text:
    line = Text()
    for index, (style, count) in enumerate(by_style):
        if index:
            line.append(" · ", style="dim")
        line.append(style, style=STYLE_COLOURS.get(style, ""))
        line.append(f" {count}")
    if not by_style:
        line.append("no lens chosen", style="dim")
    return line


def triggers_view(summary: PatternSummary, width: int) -> RenderableType:
    """Trigger → reaction, only for triggers seen at least MIN_OCCURRENCES times: one
    line per trigger with its lenses, then its most frequent urges and how often each
    was noticed without being acted on."""
    parts: list[RenderableType] = [
        heading(f"What set things off ({MIN_OCCURRENCES} times or more)")
    ]
    shown = summary.trigger_reactions[:MAX_TRIGGERS]
    for item in shown:
        line = Text(item.trigger, style="bold")
        line.append(f"  {plural(item.count, 'time')}  ", style="dim")
        line.append_text(_lens_counts(item.by_style))
        parts.append(line)
        urges = Table.grid(padding=(0, 2))
        urges.add_column(width=2)
        urges.add_column(ratio=1)
        urges.add_column(no_wrap=True, justify="right", style="dim")
        for urge in item.urges[: 3 if width >= WIDE else 2]:
            urges.add_row("", Text(urge.name), f"{urge.not_acted} of {urge.noticed} not acted on")
        if item.urges:
            parts.append(urges)
    hidden = len(summary.trigger_reactions) - len(shown)
    if hidden:
        parts.append(Text(f"and {hidden} more (`--json` lists them all)", style="dim"))
    if summary.thin_triggers:
        line = Text("Not enough entries yet: ", style="dim")
        line.append(", ".join(f"{name} ({count})" for name, count in summary.thin_triggers))
        parts.append(line)
    if not summary.trigger_reactions and not summary.thin_triggers:
        parts.append(Text("No triggers or tags noted in this range.", style="dim"))
    return Group(*parts)


def when_view(summary: PatternSummary) -> RenderableType:
    when = summary.when
    parts: list[RenderableType] = [
        heading("When reactions happen"),
        Text(
            f"{plural(when.reactions, 'moment')} seen through the anxious, avoidant or "
            "fearful lens",
            style="dim",
        ),
    ]
    if not when.enough:
        parts.append(Text(f"Not enough entries yet ({MIN_OCCURRENCES} needed).", style="dim"))
        return Group(*parts)
    largest = max((*when.by_weekday, *when.by_part), default=0)
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(no_wrap=True)
    for name, count in zip(DAY_NAMES, when.by_weekday, strict=True):
        table.add_row(name, bar(count, largest, 16, "magenta"))
    table.add_row("", "")
    for (name, first, last), count in zip(PARTS_OF_DAY, when.by_part, strict=True):
        table.add_row(f"{name} {first:02d}–{last:02d}", bar(count, largest, 16, "magenta"))
    parts.append(table)
    return Group(*parts)


def follow_through_view(summary: PatternSummary) -> RenderableType:
    flow = summary.follow_through
    parts: list[RenderableType] = [heading("Secure steps you planned")]
    if not flow.planned:
        parts.append(Text("None planned in this range.", style="dim"))
        return Group(*parts)
    line = Text(f"{flow.planned} planned · ")
    line.append(f"{flow.done} done", style="bold green")
    line.append(f" · {flow.not_done} didn't happen · {flow.open_due} due to check")
    if flow.open_later:
        line.append(f" · {flow.open_later} later")
    parts.append(line)
    for action, status, note in flow.notes:
        item = Text("  ")
        item.append(action)
        item.append(" (done)" if status == "done" else " (didn't happen)", style="dim")
        item.append(": ")
        item.append_text(quote(note))
        parts.append(item)
    return Group(*parts)


def _recurring_lines(label: str, items: Sequence[Recurring]) -> list[RenderableType]:
    if not items:
        return [Text(label, style="dim"), Text("  none written down in this range", style="dim")]
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right", style="dim", min_width=4)
    table.add_column(ratio=1)
    for item in items:
        words = quote(item.text)
        words.append(f"  last {day_label(item.last_seen)}", style="dim")
        table.add_row(f"{item.count}×", words)
    return [Text(label, style="dim"), table]


def words_view(summary: PatternSummary) -> RenderableType:
    return Group(
        heading("What keeps coming back, in your words"),
        *_recurring_lines("what it seemed to say about me", summary.beliefs),
        *_recurring_lines("what I need", summary.needs),
    )


def pattern_observations_view(summary: PatternSummary) -> RenderableType:
    return observations_view(
        summary.enough,
        summary.observations,
        summary.entries,
        "",
        "Nothing clear enough to point out in this stretch yet.",
    )


def patterns_view(summary: PatternSummary, width: int = 80) -> RenderableType:
    """The whole `patterns` view, fitted to `width` columns."""
    title = Text("Patterns", style="bold")
    title.append(f"  {day_label(summary.start)} – {day_label(summary.end)}", style="dim")
    if summary.person:
        title.append(f"  with {summary.person}")
    stats = summary.current
    facts = Text(plural(stats.entries, "entry", "entries"), style="bold")
    facts.append(f" on {plural(stats.days_journaled, 'day')}")
    facts.append(" · worry avg ")
    facts.append_text(average_text(stats.anxiety_avg))
    facts.append(" · pulling away avg ")
    facts.append_text(average_text(stats.avoidance_avg))
    return Group(
        title,
        facts,
        Text(""),
        pattern_observations_view(summary),
        Text(""),
        calendar_view(summary, width),
        Text(""),
        triggers_view(summary, width),
        Text(""),
        pair(plane_view(summary), when_view(summary), width),
        Text(""),
        follow_through_view(summary),
        Text(""),
        words_view(summary),
    )
