"""The week and pattern views, rendered at fixed widths (80 and 120) into plain text."""

from __future__ import annotations

import io
from datetime import UTC, date

import pytest
from rich.console import Console, RenderableType

from attachjournal.patterns import PlanePoint, summarize_patterns
from attachjournal.render_patterns import (
    PLANE_COLS,
    PLANE_ROWS,
    calendar_view,
    patterns_view,
    plane_grid,
)
from attachjournal.render_summary import empty_week_line, span_label, spark, week_view
from attachjournal.summary import Moment, summarize_week
from summary_fixtures import PATTERNS, WEEK_47, WEEK_48, as_moments, at


def render(renderable: RenderableType, width: int) -> str:
    console = Console(
        width=width, file=io.StringIO(), record=True, color_system=None, highlight=False
    )
    console.print(renderable)
    return console.export_text()


def fits(text: str, width: int) -> bool:
    return all(len(line) <= width for line in text.splitlines())


@pytest.fixture
def week() -> object:
    return summarize_week(as_moments(WEEK_48 + WEEK_47), date(2026, 11, 23), UTC)


@pytest.fixture
def patterns() -> object:
    return summarize_patterns(
        as_moments(PATTERNS), date(2026, 11, 2), date(2026, 11, 29), UTC, today=date(2026, 11, 25)
    )


@pytest.mark.parametrize("width", [80, 120])
def test_week_view_fits_and_shows_every_section(week: object, width: int) -> None:
    text = render(week_view(week, width), width)
    assert fits(text, width)
    for expected in (
        "Week 2026-W48",
        "Mon 23 – Sun 29 Nov 2026",
        "6 entries on 4 of 7 days",
        "3 reflections · 1 check-in · 2 notes",
        "1 entry without a lens",
        "people: Sam 3 · Alex 1",
        "4 urges noticed · 2 not acted on · 1 acted on · 1 not answered",
        "3 planned · 1 done · 1 didn't happen · 1 still due",
        "“They were at work; a slow reply isn't a verdict on me.”",
        "— a balanced thought, Thu 26 Nov",
        "• 3 of 4 anxious moments this week came after “unanswered message”.",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("width", [80, 120])
def test_week_ratings_row_has_averages_arrow_and_daily_line(week: object, width: int) -> None:
    text = render(week_view(week, width), width)
    worry = next(line for line in text.splitlines() if "worry" in line)
    assert worry.index("5.6") < worry.index("↓") < worry.index("8.0")
    # Mon 7.5, Tue none, Wed 6.0, Thu 5.0, Fri none, Sat 2.0, Sun none
    cells = worry.split("8.0", 1)[1].split()
    assert cells == ["▆", "·", "▅", "▅", "·", "▂", "·"]


def test_week_lens_bars_scale_to_the_largest(week: object) -> None:
    text = render(week_view(week, 80), 80)
    block = text.split("Lenses you chose", 1)[1].split("without a lens", 1)[0]
    lines = {line.split()[0]: line for line in block.splitlines() if line[:1].isalpha()}
    assert lines["anxious"].count("█") == 20
    assert lines["secure"].count("█") == 5
    assert lines["avoidant"].split()[1:] == ["0"]


def test_week_sections_pair_up_at_120_and_stack_at_80(week: object) -> None:
    narrow = render(week_view(week, 80), 80).splitlines()
    wide = render(week_view(week, 120), 120).splitlines()
    assert not any("Lenses you chose" in line and "Ratings" in line for line in narrow)
    assert any("Lenses you chose" in line and "Ratings" in line for line in wide)
    assert len(wide) < len(narrow)


def test_week_view_says_when_there_is_not_enough_for_observations() -> None:
    summary = summarize_week(as_moments(WEEK_48[:2]), date(2026, 11, 23), UTC)
    text = render(week_view(summary, 80), 80)
    assert "Not enough entries yet to point out patterns (3 needed in a week, 2 so far)." in text


def test_week_view_keeps_their_words_literal() -> None:
    moments = [
        Moment(1, at("2026-11-23 09:00"), person="[bold]Kim[/bold]", answers={"need": "[red]x"})
    ]
    text = render(week_view(summarize_week(moments, date(2026, 11, 23), UTC), 80), 80)
    assert "[bold]Kim[/bold] 1" in text
    assert "“[red]x”" in text


def test_empty_week_lines_are_friendly() -> None:
    summary = summarize_week([], date(2026, 3, 2), UTC)
    assert (
        empty_week_line(summary, current=False)
        == "No entries in 2026-W10 (Mon 2 – Sun 8 Mar 2026)."
    )
    now = empty_week_line(summary, current=True)
    assert now.startswith("Nothing written yet this week (2026-W10")
    assert "streak" not in now


def test_span_labels_name_months_and_years_only_where_they_change() -> None:
    assert span_label(date(2026, 11, 23), date(2026, 11, 29)) == "Mon 23 – Sun 29 Nov 2026"
    assert span_label(date(2026, 11, 30), date(2026, 12, 6)) == "Mon 30 Nov – Sun 6 Dec 2026"
    assert span_label(date(2026, 12, 28), date(2027, 1, 3)) == "Mon 28 Dec 2026 – Sun 3 Jan 2027"


def test_spark_heights() -> None:
    assert [spark(v).plain for v in (None, 0.0, 5.0, 10.0)] == ["·", "▁", "▅", "█"]


# ---------------------------------------------------------------------------- patterns


@pytest.mark.parametrize("width", [80, 120])
def test_patterns_view_fits_and_shows_every_section(patterns: object, width: int) -> None:
    text = render(patterns_view(patterns, width), width)
    assert fits(text, width)
    for expected in (
        "Patterns  2 Nov 2026 – 29 Nov 2026",
        "7 entries on 7 days · worry avg 4.3 · pulling away avg 3.8",
        "Nothing clear enough to point out in this stretch yet.",
        "Days you wrote",
        "they asked to talk  3 times  avoidant 1 · secure 2",
        "unanswered message  3 times  anxious 2 · fearful 1",
        "send another message",
        "2 of 3 not acted on",
        "Not enough entries yet: criticism (1)",
        "○ 2026-W45 … ● 2026-W48 (4 weeks)",
        "latest: worry 1.0, pulling away 1.0 (secure quarter)",
        "4 moments seen through the anxious, avoidant or fearful lens",
        "3 planned · 1 done · 0 didn't happen · 1 due to check · 1 later",
        "Ask to talk later (done): “We talked; it was OK.”",
        "“I'm too much!”  last 29 Nov 2026",
        "3×",
    ):
        assert expected in text, expected


def test_patterns_when_bars_count_reactions(patterns: object) -> None:
    text = render(patterns_view(patterns, 80), 80)
    rows = {line.split()[0]: line for line in text.splitlines() if line.split()}
    assert rows["Mon"].rstrip().endswith("█ 1")
    assert rows["Fri"].split()[-1] == "0"
    assert rows["evening"].rstrip().endswith(" 2")


def test_patterns_view_with_too_little_data_says_so() -> None:
    summary = summarize_patterns(
        [Moment(1, at("2026-11-02 10:00"), style="anxious", trigger="criticism")],
        date(2026, 11, 2),
        date(2026, 11, 29),
        UTC,
        today=date(2026, 11, 25),
    )
    text = render(patterns_view(summary, 80), 80)
    assert "Not enough entries yet to point out patterns (3 needed, 1 so far)." in text
    assert "Not enough entries yet: criticism (1)" in text
    assert "Not enough entries yet (3 needed)." in text
    assert "No entries rated on both scales yet." in text
    assert "None planned in this range." in text


def test_plane_puts_regions_in_their_corners_and_draws_the_path() -> None:
    points = [
        PlanePoint("2026-W45", date(2026, 11, 2), anxiety=10.0, avoidance=0.0, entries=1),
        PlanePoint("2026-W46", date(2026, 11, 9), anxiety=0.0, avoidance=0.0, entries=1),
    ]
    grid = ["".join(char for char, _ in row) for row in plane_grid(points)]
    assert len(grid) == PLANE_ROWS and all(len(row) == PLANE_COLS for row in grid)
    assert grid[0][0] == "○"  # first week: worry 10, pulling away 0 (top left)
    assert grid[-1][0] == "●"  # latest week: 0, 0, the secure corner (bottom left)
    assert all(row[0] == "·" for row in grid[1:-1] if row[0] != "─")
    assert "anxious" in grid[0] and "fearful" in grid[0]
    assert "secure" in grid[-1] and "avoidant" in grid[-1]
    assert grid[PLANE_ROWS // 2][PLANE_COLS // 2] == "┼"


def test_calendar_runs_on_across_the_new_year_without_resetting() -> None:
    moments = [
        Moment(1, at("2026-12-31 20:00")),
        Moment(2, at("2027-01-01 09:00")),
        Moment(3, at("2027-01-01 10:00")),
    ]
    summary = summarize_patterns(
        moments, date(2026, 11, 30), date(2027, 1, 31), UTC, today=date(2027, 1, 31)
    )
    lines = render(calendar_view(summary, 80), 80).splitlines()
    # nine week columns, two cells wide, from Mon 30 Nov to Mon 25 Jan, in one run
    assert lines[1] == "    Dec     Jan'27"
    thursday = next(line for line in lines if line.startswith("Thu"))
    friday = next(line for line in lines if line.startswith("Fri"))
    assert thursday.split() == ["Thu", "·", "·", "·", "·", "░", "·", "·", "·", "·"]
    assert friday.split() == ["Fri", "·", "·", "·", "·", "▒", "·", "·", "·", "·"]
    assert thursday.index("░") == 4 + 4 * 2


def test_long_calendars_wrap_into_blocks_that_fit() -> None:
    moments = [Moment(i, at(f"{2017 + i}-06-01 12:00")) for i in range(9)]
    summary = summarize_patterns(
        moments, date(2016, 12, 1), date(2026, 11, 29), UTC, today=date(2026, 11, 29)
    )
    lines = render(calendar_view(summary, 80), 80).splitlines()
    assert fits("\n".join(lines), 80)
    blocks = 7  # 522 weeks at 75 a block
    assert sum(line.startswith("Mon") for line in lines) == blocks
    # heading + (labels + 7 days) per block + a blank line between blocks + legend:
    # a month label spilling onto its own line would add lines
    assert len(lines) == 1 + blocks * 8 + (blocks - 1) + 1
    assert "".join(lines).count("░") == 9 + 1  # nine days plus the legend


def test_patterns_plane_and_timing_sit_side_by_side_only_when_wide(patterns: object) -> None:
    def together(width: int) -> bool:
        lines = render(patterns_view(patterns, width), width).splitlines()
        return any("Worry × pulling away" in line and "When reactions" in line for line in lines)

    assert together(120)
    assert not together(80)
