"""Rich views of a week and of a longer pattern review.

Views take the frozen summaries from `summary.py` and a width, and return renderables;
they never print. Anything a person wrote goes in as `Text`, never as markup, so a "[red]"
in a need stays literal. Below 100 columns sections stack; from 100 they pair up side by
side. The anxiety × avoidance plane and the calendar are drawn here cell by cell because
Rich has no chart widget, and both are short enough to read at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from attachjournal.render import STYLE_COLOURS
from attachjournal.styles import STYLE_NAMES
from attachjournal.summary import (
    MIN_OCCURRENCES,
    PARTS_OF_DAY,
    PatternSummary,
    PlanePoint,
    Recurring,
    WeekSummary,
)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SPARKS = "▁▂▃▄▅▆▇█"
HEAT = ("·", "░", "▒", "▓", "█")
ARROWS = {"up": "↑", "down": "↓", "steady": "→"}
WIDE = 100
PLANE_COLS = 41
PLANE_ROWS = 11
MAX_TRIGGERS = 8
KEY_NAMES = {"balanced_thought": "a balanced thought", "need": "a need put into words"}


# ---------------------------------------------------------------------------- small parts


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def day_label(day: date, *, weekday: bool = False, month: bool = True, year: bool = True) -> str:
    """'Mon 23 Nov 2026' without a leading zero (strftime's %-d is not portable)."""
    parts = [f"{day:%a}"] if weekday else []
    parts.append(str(day.day))
    if month:
        parts.append(f"{day:%b}")
    if year:
        parts.append(str(day.year))
    return " ".join(parts)


def span_label(start: date, end: date) -> str:
    """'Mon 23 – Sun 29 Nov 2026', with months and years only where they change."""
    last = day_label(end, weekday=True)
    if start.year != end.year:
        return f"{day_label(start, weekday=True)} – {last}"
    if start.month != end.month:
        return f"{day_label(start, weekday=True, year=False)} – {last}"
    return f"{day_label(start, weekday=True, month=False, year=False)} – {last}"


def heading(title: str) -> Text:
    return Text(title, style="bold")


def bar(count: int, largest: int, width: int, style: str = "") -> Text:
    """A horizontal bar scaled to `largest`; any non-zero count shows at least one cell."""
    cells = 0 if largest <= 0 else round(count / largest * width)
    if count > 0:
        cells = max(cells, 1)
    line = Text("█" * cells, style=style)
    line.append(f" {count}" if cells else f"{count}", style="" if cells else "dim")
    return line


def spark(value: float | None) -> Text:
    """One cell of a 0–10 line: a block of matching height, or a dim dot for no rating."""
    if value is None:
        return Text("·", style="dim")
    index = min(len(SPARKS) - 1, int(value / 10 * (len(SPARKS) - 1) + 0.5))
    return Text(SPARKS[index])


def pair(left: RenderableType, right: RenderableType, width: int) -> RenderableType:
    """Two sections side by side when there is room, stacked otherwise."""
    if width < WIDE:
        return Group(left, Text(""), right)
    grid = Table.grid(padding=(0, 4))
    grid.add_column(vertical="top")
    grid.add_column(vertical="top")
    grid.add_row(left, right)
    return grid


def bullets(lines: Sequence[str]) -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row("•", Text(line))
    return table


def quote(text: str) -> Text:
    return Text(f"“{text}”", style="italic")


def names_line(label: str, items: Sequence[tuple[str, int]]) -> Text:
    line = Text(f"{label}: ", style="dim")
    if not items:
        line.append("none named", style="dim")
    for index, (name, count) in enumerate(items):
        if index:
            line.append(" · ", style="dim")
        line.append(name)
        line.append(f" {count}", style="dim")
    return line


# ---------------------------------------------------------------------------- week


def empty_week_line(summary: WeekSummary, current: bool) -> str:
    """What `week` says about a week with no entries: a friendly line, never a reproach."""
    when = span_label(summary.start, summary.end)
    if current:
        return (
            f"Nothing written yet this week ({summary.label}, {when}). "
            "A 60-second `attachjournal checkin` is always enough to start."
        )
    return f"No entries in {summary.label} ({when})."


def _day_marks(summary: WeekSummary) -> Table:
    table = Table.grid(padding=(0, 1))
    for _ in DAY_NAMES:
        table.add_column(justify="center", min_width=3)
    table.add_row(*(Text(name[:2], style="dim") for name in DAY_NAMES))
    marks = []
    for count in summary.per_day:
        if count == 0:
            marks.append(Text("·", style="dim"))
        else:
            marks.append(Text("●" if count == 1 else f"●{count}", style="green"))
    table.add_row(*marks)
    return table


def _overview(summary: WeekSummary) -> RenderableType:
    stats = summary.current
    line = Text(plural(stats.entries, "entry", "entries"), style="bold")
    line.append(f" on {stats.days_journaled} of 7 days")
    kinds = [
        plural(count, kind, "check-ins" if kind == "checkin" else None).replace(
            "checkin", "check-in"
        )
        for kind, count in summary.by_kind.items()
        if count
    ]
    left = Group(line, Text(" · ".join(kinds), style="dim"))
    grid = Table.grid(padding=(0, 4))
    grid.add_column(vertical="middle")
    grid.add_column()
    grid.add_row(left, _day_marks(summary))
    return grid


def _lenses(summary: WeekSummary, width: int) -> RenderableType:
    counts = summary.current.by_style
    largest = max(counts.values(), default=0)
    bar_width = 20 if width < WIDE else 24
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for style in STYLE_NAMES:
        table.add_row(
            Text(style, style=STYLE_COLOURS[style]),
            bar(counts[style], largest, bar_width, STYLE_COLOURS[style]),
        )
    parts: list[RenderableType] = [heading("Lenses you chose"), table]
    if summary.unstyled:
        parts.append(Text(f"{plural(summary.unstyled, 'entry', 'entries')} without a lens", "dim"))
    return Group(*parts)


def _average(value: float | None) -> Text:
    return Text("–" if value is None else f"{value:.1f}", style="" if value is not None else "dim")


def _ratings(summary: WeekSummary) -> RenderableType:
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="dim")
    table.add_column("0–10", no_wrap=True)
    table.add_column("this week", justify="right")
    table.add_column("", justify="center")
    table.add_column("week before", justify="right")
    for name in DAY_NAMES:
        table.add_column(name[:2], justify="center", width=2)
    rows = (
        ("worry", summary.current.anxiety_avg, summary.anxiety_trend),
        ("pulling away", summary.current.avoidance_avg, summary.avoidance_trend),
    )
    previous = (summary.previous.anxiety_avg, summary.previous.avoidance_avg)
    per_day = (summary.anxiety_by_day, summary.avoidance_by_day)
    for (label, value, direction), before, days in zip(rows, previous, per_day, strict=True):
        table.add_row(
            Text(label),
            _average(value),
            Text(ARROWS.get(direction or "", ""), style="bold"),
            _average(before),
            *(spark(day) for day in days),
        )
    return Group(heading("Ratings, averaged (anxiety and avoidance)"), table)


def _came_up(summary: WeekSummary) -> RenderableType:
    return Group(
        heading("Came up most"),
        names_line("people", summary.top_people),
        names_line("triggers", summary.top_triggers),
    )


def _steps(summary: WeekSummary) -> RenderableType:
    urges = summary.urges
    urge_line = Text()
    if urges.noticed:
        urge_line.append(f"{plural(urges.noticed, 'urge')} noticed · ")
        urge_line.append(f"{urges.not_acted} not acted on", style="bold green")
        urge_line.append(f" · {urges.acted} acted on")
        if urges.unanswered:
            urge_line.append(f" · {urges.unanswered} not answered", style="dim")
    else:
        urge_line.append("no urges noted", style="dim")
    actions = summary.actions
    step_line = Text()
    if actions.planned:
        step_line.append(f"{actions.planned} planned · ")
        step_line.append(f"{actions.done} done", style="bold green")
        if actions.not_done:
            step_line.append(f" · {actions.not_done} didn't happen")
        step_line.append(f" · {actions.still_due} still due")
    else:
        step_line.append("none planned", style="dim")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    table.add_row("urges", urge_line)
    table.add_row("secure steps", step_line)
    return Group(heading("Urges and secure steps"), table)


def _highlight(summary: WeekSummary) -> RenderableType | None:
    if summary.highlight is None:
        return None
    item = summary.highlight
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    when = day_label(item.day, weekday=True, year=False)
    source = Text(f"— {KEY_NAMES.get(item.key, item.key)}, {when}", style="dim")
    table.add_row("", Group(quote(item.text), source))
    return Group(heading("In your words"), table)


def _observations(summary: WeekSummary) -> RenderableType:
    parts: list[RenderableType] = [heading("What stands out")]
    if not summary.enough:
        parts.append(
            Text(
                f"Not enough entries yet to point out patterns ({MIN_OCCURRENCES} needed "
                f"in a week, {summary.entries} so far).",
                style="dim",
            )
        )
    elif not summary.observations:
        parts.append(Text("Nothing clear enough to point out this week.", style="dim"))
    if summary.observations:
        parts.append(bullets(summary.observations))
    return Group(*parts)


def week_view(summary: WeekSummary, width: int = 80) -> RenderableType:
    """The whole `week` view, fitted to `width` columns."""
    title = Text(f"Week {summary.label}", style="bold")
    title.append(f"  {span_label(summary.start, summary.end)}", style="dim")
    parts: list[RenderableType] = [
        title,
        Text(""),
        _overview(summary),
        Text(""),
        pair(_lenses(summary, width), _ratings(summary), width),
        Text(""),
        _came_up(summary),
        Text(""),
        _steps(summary),
    ]
    highlight = _highlight(summary)
    if highlight is not None:
        parts += [Text(""), highlight]
    parts += [Text(""), _observations(summary)]
    return Group(*parts)


# ---------------------------------------------------------------------------- patterns


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
    parts: list[RenderableType] = [heading("What stands out")]
    if not summary.enough:
        parts.append(
            Text(
                f"Not enough entries yet to point out patterns ({MIN_OCCURRENCES} needed, "
                f"{summary.entries} so far).",
                style="dim",
            )
        )
    elif not summary.observations:
        parts.append(Text("Nothing clear enough to point out in this stretch yet.", style="dim"))
    if summary.observations:
        parts.append(bullets(summary.observations))
    return Group(*parts)


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
    facts.append_text(_average(stats.anxiety_avg))
    facts.append(" · pulling away avg ")
    facts.append_text(_average(stats.avoidance_avg))
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
