"""Rich view of a week, and the small parts the pattern view shares.

Views take the frozen summaries from `summary.py` and a width, and return renderables;
they never print. Anything a person wrote goes in as `Text`, never as markup, so a "[red]"
in a need stays literal. Below 100 columns sections stack; from 100 they pair up side by
side. The pattern review's view is in `render_patterns.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from attachjournal.render import STYLE_COLOURS
from attachjournal.styles import STYLE_NAMES
from attachjournal.summary import MIN_OCCURRENCES, WeekSummary

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SPARKS = "▁▂▃▄▅▆▇█"
ARROWS = {"up": "↑", "down": "↓", "steady": "→"}
WIDE = 100
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


def average_text(value: float | None) -> Text:
    return Text("–" if value is None else f"{value:.1f}", style="" if value is not None else "dim")


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
            average_text(value),
            Text(ARROWS.get(direction or "", ""), style="bold"),
            average_text(before),
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


def observations_view(
    enough: bool, observations: Sequence[str], entries: int, scope: str, nothing: str
) -> RenderableType:
    """'What stands out': the observations, or why there are none yet (week and patterns)."""
    parts: list[RenderableType] = [heading("What stands out")]
    if not enough:
        parts.append(
            Text(
                f"Not enough entries yet to point out patterns ({MIN_OCCURRENCES} needed"
                f"{scope}, {entries} so far).",
                style="dim",
            )
        )
    elif not observations:
        parts.append(Text(nothing, style="dim"))
    if observations:
        parts.append(bullets(observations))
    return Group(*parts)


def _observations(summary: WeekSummary) -> RenderableType:
    return observations_view(
        summary.enough,
        summary.observations,
        summary.entries,
        " in a week",
        "Nothing clear enough to point out this week.",
    )


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
