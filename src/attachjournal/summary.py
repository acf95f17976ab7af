"""Weekly summaries, worked out from plain rows, and the helpers the pattern review shares.

Pure on purpose: every function takes the rows and the person's time zone and returns
frozen dataclasses. No database, no clock, no printing, so each figure can be checked
against numbers worked out by hand, in any zone. The longer review lives in `patterns.py`.

Day and week boundaries are local: an entry belongs to the local day it was written on,
and a week is the ISO week (Monday to Sunday) of that local day. Averages are rounded half
up to one decimal from exact integer sums, so 4.25 shows as 4.3 on every platform.
Observations are only made when at least MIN_OCCURRENCES moments support them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from attachjournal.dates import iso_week_label, week_start
from attachjournal.records import KINDS, EntryRecord, FollowUp, Urge
from attachjournal.styles import STYLE_NAMES

MIN_OCCURRENCES = 3
REACTIVE_STYLES: tuple[str, ...] = ("anxious", "avoidant", "fearful")
HIGHLIGHT_KEYS: tuple[str, ...] = ("balanced_thought", "need")
ANSWER_KEYS: tuple[str, ...] = ("balanced_thought", "need", "belief")
TOP_N = 5


@dataclass(frozen=True)
class Moment:
    """What summaries read from an entry: an EntryRecord without its text.

    `answers` holds only the well-known keys summaries quote (ANSWER_KEYS), so the store
    never has to load every answer of every entry in a long range.
    """

    id: int
    created_at: datetime
    kind: str = "note"
    style: str | None = None
    person: str | None = None
    trigger: str | None = None
    anxiety: int | None = None
    avoidance: int | None = None
    tags: tuple[str, ...] = ()
    urges: tuple[Urge, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    answers: Mapping[str, Any] = field(default_factory=dict)


def moment_from_record(record: EntryRecord) -> Moment:
    return Moment(
        id=record.id,
        created_at=record.created_at,
        kind=record.kind,
        style=record.style,
        person=record.person,
        trigger=record.trigger,
        anxiety=record.anxiety,
        avoidance=record.avoidance,
        tags=record.tags,
        urges=record.urges,
        followups=record.followups,
        answers={key: record.answers[key] for key in ANSWER_KEYS if key in record.answers},
    )


# ---------------------------------------------------------------------------- helpers


def local_day(moment: Moment, tz: tzinfo | None) -> date:
    return moment.created_at.astimezone(tz).date()


def average(values: Iterable[int | None]) -> float | None:
    """Mean of the values given (None skipped), rounded half up to one decimal."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    exact = Decimal(sum(present)) / Decimal(len(present))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def trend(current: float | None, previous: float | None) -> str | None:
    """'up', 'down' or 'steady' (within half a point); None when a week has no ratings."""
    if current is None or previous is None:
        return None
    if abs(current - previous) < 0.5:
        return "steady"
    return "up" if current > previous else "down"


def tally(names: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Counts that ignore case and keep the first spelling; most frequent first."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for name in names:
        key = name.strip().lower()
        if not key:
            continue
        spelling.setdefault(key, name.strip())
        counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple((spelling[key], count) for key, count in ranked)


def triggers_of(moment: Moment) -> tuple[str, ...]:
    """What set a moment off: its trigger and its tags, each once (any case)."""
    seen: set[str] = set()
    found: list[str] = []
    for name in (moment.trigger, *moment.tags):
        if name and name.strip() and name.strip().lower() not in seen:
            seen.add(name.strip().lower())
            found.append(name.strip())
    return tuple(found)


def text_answer(moment: Moment, key: str) -> str | None:
    value = moment.answers.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def style_counts(moments: Sequence[Moment]) -> dict[str, int]:
    counts = Counter(moment.style for moment in moments if moment.style in STYLE_NAMES)
    return {style: counts[style] for style in STYLE_NAMES}


# ---------------------------------------------------------------------------- week


@dataclass(frozen=True)
class PeriodStats:
    """Counts and averages for one stretch of days."""

    entries: int
    days_journaled: int
    by_style: dict[str, int]
    anxiety_avg: float | None
    avoidance_avg: float | None


def period_stats(moments: Sequence[Moment], tz: tzinfo | None) -> PeriodStats:
    return PeriodStats(
        entries=len(moments),
        days_journaled=len({local_day(moment, tz) for moment in moments}),
        by_style=style_counts(moments),
        anxiety_avg=average(moment.anxiety for moment in moments),
        avoidance_avg=average(moment.avoidance for moment in moments),
    )


@dataclass(frozen=True)
class UrgeCounts:
    """Urges noticed; `not_acted` (noticed and let pass) is the growth signal."""

    noticed: int
    acted: int
    not_acted: int
    unanswered: int


def urge_counts(moments: Sequence[Moment]) -> UrgeCounts:
    urges = [urge for moment in moments for urge in moment.urges]
    return UrgeCounts(
        noticed=len(urges),
        acted=sum(urge.acted is True for urge in urges),
        not_acted=sum(urge.acted is False for urge in urges),
        unanswered=sum(urge.acted is None for urge in urges),
    )


@dataclass(frozen=True)
class ActionCounts:
    """Secure actions planned in a stretch of entries, and how they stand now."""

    planned: int
    done: int
    not_done: int
    still_due: int


def action_counts(moments: Sequence[Moment]) -> ActionCounts:
    items = [item for moment in moments for item in moment.followups]
    return ActionCounts(
        planned=len(items),
        done=sum(item.status == "done" for item in items),
        not_done=sum(item.status == "not_done" for item in items),
        still_due=sum(item.status == "open" for item in items),
    )


@dataclass(frozen=True)
class Highlight:
    """A line in the person's own words: a balanced thought or a need put into words."""

    key: str
    text: str
    day: date


def highlight(moments: Sequence[Moment], tz: tzinfo | None) -> Highlight | None:
    """The most recent balanced thought (or, failing that in an entry, need)."""
    for moment in sorted(moments, key=lambda m: (m.created_at, m.id), reverse=True):
        for key in HIGHLIGHT_KEYS:
            text = text_answer(moment, key)
            if text:
                return Highlight(key, text, local_day(moment, tz))
    return None


@dataclass(frozen=True)
class WeekSummary:
    """Everything `week` shows about one ISO week and the week before it."""

    label: str
    start: date
    end: date
    per_day: tuple[int, ...]
    current: PeriodStats
    previous: PeriodStats
    previous_label: str
    by_kind: dict[str, int]
    unstyled: int
    anxiety_by_day: tuple[float | None, ...]
    avoidance_by_day: tuple[float | None, ...]
    top_triggers: tuple[tuple[str, int], ...]
    top_people: tuple[tuple[str, int], ...]
    urges: UrgeCounts
    actions: ActionCounts
    highlight: Highlight | None
    observations: tuple[str, ...]

    @property
    def entries(self) -> int:
        return self.current.entries

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=offset) for offset in range(7))

    @property
    def enough(self) -> bool:
        """Whether there are enough entries to draw observations from."""
        return self.current.entries >= MIN_OCCURRENCES

    @property
    def anxiety_trend(self) -> str | None:
        return trend(self.current.anxiety_avg, self.previous.anxiety_avg)

    @property
    def avoidance_trend(self) -> str | None:
        return trend(self.current.avoidance_avg, self.previous.avoidance_avg)


def summarize_week(moments: Sequence[Moment], day: date, tz: tzinfo | None) -> WeekSummary:
    """Summarise the ISO week containing `day` (and compare it with the week before).

    `moments` may hold more than the two weeks: anything outside them is ignored.
    """
    monday = week_start(day)
    previous_monday = monday - timedelta(days=7)
    this_week: list[Moment] = []
    last_week: list[Moment] = []
    by_day: dict[int, list[Moment]] = {offset: [] for offset in range(7)}
    for moment in moments:
        offset = (local_day(moment, tz) - monday).days
        if 0 <= offset < 7:
            this_week.append(moment)
            by_day[offset].append(moment)
        elif -7 <= offset < 0:
            last_week.append(moment)
    kinds = Counter(moment.kind for moment in this_week)
    return WeekSummary(
        label=iso_week_label(monday),
        start=monday,
        end=monday + timedelta(days=6),
        per_day=tuple(len(by_day[offset]) for offset in range(7)),
        current=period_stats(this_week, tz),
        previous=period_stats(last_week, tz),
        previous_label=iso_week_label(previous_monday),
        by_kind={kind: kinds[kind] for kind in KINDS},
        unstyled=sum(moment.style not in STYLE_NAMES for moment in this_week),
        anxiety_by_day=tuple(average(m.anxiety for m in by_day[i]) for i in range(7)),
        avoidance_by_day=tuple(average(m.avoidance for m in by_day[i]) for i in range(7)),
        top_triggers=tally(name for m in this_week for name in triggers_of(m))[:TOP_N],
        top_people=tally(m.person for m in this_week if m.person)[:TOP_N],
        urges=urge_counts(this_week),
        actions=action_counts(this_week),
        highlight=highlight(this_week, tz),
        observations=week_observations(this_week, last_week),
    )


# ---------------------------------------------------------------------------- observations


def _trigger_lens_observation(moments: Sequence[Moment]) -> str | None:
    """ "3 of 4 anxious moments this week came after “unanswered message”"."""
    best: tuple[int, int, str, str] | None = None
    for style in REACTIVE_STYLES:
        lens = [moment for moment in moments if moment.style == style]
        if len(lens) < MIN_OCCURRENCES:
            continue
        ranked = tally(name for moment in lens for name in triggers_of(moment))
        if not ranked:
            continue
        name, count = ranked[0]
        if count >= 2 and count * 2 >= len(lens):
            candidate = (count, len(lens), style, name)
            if best is None or (candidate[0], candidate[1]) > (best[0], best[1]):
                best = candidate
    if best is None:
        return None
    count, total, style, name = best
    return f"{count} of {total} {style} moments this week came after “{name}”."


def _person_lens_observation(moments: Sequence[Moment]) -> str | None:
    """ "3 of 4 moments with Sam were seen through the anxious lens"."""
    for person, total in tally(moment.person for moment in moments if moment.person):
        if total < MIN_OCCURRENCES:
            break
        with_them = [m for m in moments if m.person and m.person.lower() == person.lower()]
        ranked = tally(m.style for m in with_them if m.style in STYLE_NAMES)
        if ranked and ranked[0][1] >= 2 and ranked[0][1] * 2 >= total:
            style, count = ranked[0]
            return f"{count} of {total} moments with {person} were seen through the {style} lens."
    return None


def _urge_observation(moments: Sequence[Moment]) -> str | None:
    counts = urge_counts(moments)
    if counts.noticed < MIN_OCCURRENCES or counts.not_acted == 0:
        return None
    return (
        f"You noticed {counts.noticed} urges and let {counts.not_acted} of them pass "
        "without acting on them."
    )


def _rating_observation(
    moments: Sequence[Moment], before: Sequence[Moment], attribute: str, word: str
) -> str | None:
    now_values = [getattr(m, attribute) for m in moments if getattr(m, attribute) is not None]
    then_values = [getattr(m, attribute) for m in before if getattr(m, attribute) is not None]
    if len(now_values) < MIN_OCCURRENCES or len(then_values) < MIN_OCCURRENCES:
        return None
    now_avg, then_avg = average(now_values), average(then_values)
    assert now_avg is not None and then_avg is not None
    if abs(now_avg - then_avg) < 1.0:
        return None
    direction = "lower" if now_avg < then_avg else "higher"
    return (
        f"{word} averaged {now_avg:.1f} this week, {direction} than {then_avg:.1f} "
        f"the week before ({len(now_values)} and {len(then_values)} ratings)."
    )


def week_observations(
    moments: Sequence[Moment], before: Sequence[Moment], limit: int = 2
) -> tuple[str, ...]:
    """Up to `limit` plain observations, each backed by at least MIN_OCCURRENCES moments."""
    if len(moments) < MIN_OCCURRENCES:
        return ()
    candidates = (
        _trigger_lens_observation(moments),
        _person_lens_observation(moments),
        _urge_observation(moments),
        _rating_observation(moments, before, "anxiety", "Worry"),
        _rating_observation(moments, before, "avoidance", "The pull to withdraw"),
    )
    return tuple(line for line in candidates if line)[:limit]


def stats_to_dict(stats: PeriodStats) -> dict[str, Any]:
    return {
        "entries": stats.entries,
        "days_journaled": stats.days_journaled,
        "by_style": dict(stats.by_style),
        "anxiety_avg": stats.anxiety_avg,
        "avoidance_avg": stats.avoidance_avg,
    }


def week_to_dict(summary: WeekSummary) -> dict[str, Any]:
    """The `week --json` shape from cli.md, plus the extra figures the view shows."""
    return {
        "week": summary.label,
        "start": summary.start.isoformat(),
        "end": summary.end.isoformat(),
        **stats_to_dict(summary.current),
        "unstyled": summary.unstyled,
        "by_kind": dict(summary.by_kind),
        "per_day": {
            day.isoformat(): count for day, count in zip(summary.days, summary.per_day, strict=True)
        },
        "anxiety_by_day": list(summary.anxiety_by_day),
        "avoidance_by_day": list(summary.avoidance_by_day),
        "anxiety_trend": summary.anxiety_trend,
        "avoidance_trend": summary.avoidance_trend,
        "previous": {
            "week": summary.previous_label,
            "start": (summary.start - timedelta(days=7)).isoformat(),
            "end": (summary.start - timedelta(days=1)).isoformat(),
            **stats_to_dict(summary.previous),
        },
        "top_triggers": [[name, count] for name, count in summary.top_triggers],
        "top_people": [[name, count] for name, count in summary.top_people],
        "urges": {
            "noticed": summary.urges.noticed,
            "acted": summary.urges.acted,
            "not_acted": summary.urges.not_acted,
            "unanswered": summary.urges.unanswered,
        },
        "secure_actions": {
            "planned": summary.actions.planned,
            "done": summary.actions.done,
            "not_done": summary.actions.not_done,
            "still_due": summary.actions.still_due,
        },
        "highlight": None
        if summary.highlight is None
        else {
            "key": summary.highlight.key,
            "text": summary.highlight.text,
            "day": summary.highlight.day.isoformat(),
        },
        "observations": list(summary.observations),
    }
