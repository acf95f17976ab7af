"""The longer pattern review behind `patterns`, worked out from plain rows.

Pure, like `summary.py` (whose rows and helpers it shares): takes the rows of a range, the
person's time zone and today's date, returns frozen dataclasses. Every breakdown that
could mislead on little data (trigger → reaction, when reactions happen, observations)
waits for MIN_OCCURRENCES moments and says "not enough entries yet" until then.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from attachjournal.dates import iso_week_label, week_start
from attachjournal.records import Urge
from attachjournal.summary import (
    MIN_OCCURRENCES,
    REACTIVE_STYLES,
    Moment,
    PeriodStats,
    average,
    local_day,
    period_stats,
    stats_to_dict,
    style_counts,
    tally,
    text_answer,
    triggers_of,
    urge_counts,
)

MIDPOINT = 5.0  # ratings at or above this count as "high" on the plane
PARTS_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 6),
    ("morning", 6, 12),
    ("afternoon", 12, 18),
    ("evening", 18, 24),
)


def quadrant(anxiety: float, avoidance: float) -> str:
    """The region of the anxiety × avoidance plane a point falls in (a lens, not a label)."""
    high_anxiety = anxiety >= MIDPOINT
    high_avoidance = avoidance >= MIDPOINT
    if high_anxiety and high_avoidance:
        return "fearful"
    if high_anxiety:
        return "anxious"
    if high_avoidance:
        return "avoidant"
    return "secure"


@dataclass(frozen=True)
class UrgeTally:
    """One urge across a set of moments: how often noticed, acted on, let pass."""

    name: str
    noticed: int
    acted: int
    not_acted: int


def urge_tallies(moments: Sequence[Moment]) -> tuple[UrgeTally, ...]:
    rows: dict[str, list[Urge]] = {}
    spelling: dict[str, str] = {}
    for moment in moments:
        for urge in moment.urges:
            key = urge.name.strip().lower()
            spelling.setdefault(key, urge.name.strip())
            rows.setdefault(key, []).append(urge)
    tallies = [
        UrgeTally(
            name=spelling[key],
            noticed=len(urges),
            acted=sum(urge.acted is True for urge in urges),
            not_acted=sum(urge.acted is False for urge in urges),
        )
        for key, urges in rows.items()
    ]
    return tuple(sorted(tallies, key=lambda t: (-t.noticed, t.name.lower())))


@dataclass(frozen=True)
class TriggerReaction:
    """What followed one trigger or tag: lenses chosen and urges noticed."""

    trigger: str
    count: int
    by_style: tuple[tuple[str, int], ...]
    urges: tuple[UrgeTally, ...]
    anxiety_avg: float | None
    avoidance_avg: float | None


@dataclass(frozen=True)
class PlanePoint:
    """One week's average position on the anxiety × avoidance plane."""

    week: str
    start: date
    anxiety: float
    avoidance: float
    entries: int

    @property
    def region(self) -> str:
        return quadrant(self.anxiety, self.avoidance)


@dataclass(frozen=True)
class WhenCounts:
    """When reactions (anxious, avoidant or fearful lens) happen, in local time."""

    reactions: int
    by_weekday: tuple[int, ...]
    by_part: tuple[int, ...]

    @property
    def enough(self) -> bool:
        return self.reactions >= MIN_OCCURRENCES


@dataclass(frozen=True)
class FollowThrough:
    """Secure actions planned in the range and how they went."""

    planned: int
    done: int
    not_done: int
    open_due: int
    open_later: int
    notes: tuple[tuple[str, str, str], ...]  # (action, status, note), newest first

    @property
    def resolved(self) -> int:
        return self.done + self.not_done


@dataclass(frozen=True)
class Recurring:
    """A belief or need, in the person's words, and how often it came back."""

    text: str
    count: int
    last_seen: date


@dataclass(frozen=True)
class PatternSummary:
    """Everything `patterns` shows about a range of days (`end` inclusive)."""

    start: date
    end: date
    person: str | None
    current: PeriodStats
    calendar: dict[date, int]
    trigger_reactions: tuple[TriggerReaction, ...]
    thin_triggers: tuple[tuple[str, int], ...]
    plane: tuple[PlanePoint, ...]
    when: WhenCounts
    follow_through: FollowThrough
    beliefs: tuple[Recurring, ...]
    needs: tuple[Recurring, ...]
    observations: tuple[str, ...] = ()

    @property
    def entries(self) -> int:
        return self.current.entries

    @property
    def enough(self) -> bool:
        return self.current.entries >= MIN_OCCURRENCES


def trigger_reactions(
    moments: Sequence[Moment],
) -> tuple[tuple[TriggerReaction, ...], tuple[tuple[str, int], ...]]:
    """Reactions per trigger with at least MIN_OCCURRENCES moments, and the rest by count."""
    enough: list[TriggerReaction] = []
    thin: list[tuple[str, int]] = []
    groups: dict[str, list[Moment]] = {}
    for moment in moments:  # one pass: a ten-year review has thousands of moments
        for name in triggers_of(moment):
            groups.setdefault(name.lower(), []).append(moment)
    for name, count in tally(name for moment in moments for name in triggers_of(moment)):
        if count < MIN_OCCURRENCES:
            thin.append((name, count))
            continue
        group = groups[name.lower()]
        styles = style_counts(group)
        enough.append(
            TriggerReaction(
                trigger=name,
                count=count,
                by_style=tuple((style, n) for style, n in styles.items() if n),
                urges=urge_tallies(group),
                anxiety_avg=average(m.anxiety for m in group),
                avoidance_avg=average(m.avoidance for m in group),
            )
        )
    return tuple(enough), tuple(thin)


def plane_path(moments: Sequence[Moment], tz: tzinfo | None) -> tuple[PlanePoint, ...]:
    """Weekly averages of entries rated on both scales, oldest week first."""
    weeks: dict[date, list[Moment]] = {}
    for moment in moments:
        if moment.anxiety is None or moment.avoidance is None:
            continue
        weeks.setdefault(week_start(local_day(moment, tz)), []).append(moment)
    points = []
    for monday in sorted(weeks):
        group = weeks[monday]
        anxiety = average(m.anxiety for m in group)
        avoidance = average(m.avoidance for m in group)
        assert anxiety is not None and avoidance is not None
        points.append(PlanePoint(iso_week_label(monday), monday, anxiety, avoidance, len(group)))
    return tuple(points)


def when_counts(moments: Sequence[Moment], tz: tzinfo | None) -> WhenCounts:
    reactive = [moment for moment in moments if moment.style in REACTIVE_STYLES]
    weekdays = [0] * 7
    parts = [0] * len(PARTS_OF_DAY)
    for moment in reactive:
        local = moment.created_at.astimezone(tz)
        weekdays[local.weekday()] += 1
        for index, (_, first, last) in enumerate(PARTS_OF_DAY):
            if first <= local.hour < last:
                parts[index] += 1
    return WhenCounts(len(reactive), tuple(weekdays), tuple(parts))


def follow_through(moments: Sequence[Moment], today: date, notes: int = 3) -> FollowThrough:
    """How the secure actions planned in these entries went; open ones due by today count
    as due."""
    items = [
        (moment.created_at, item)
        for moment in moments
        for item in moment.followups
        if item.status in ("open", "done", "not_done")
    ]
    open_items = [item for _, item in items if item.status == "open"]
    due = sum(item.due_on is None or item.due_on <= today for item in open_items)
    noted = sorted(
        (
            (item.resolved_at or created, item)
            for created, item in items
            if item.status != "open" and item.note and item.note.strip()
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    return FollowThrough(
        planned=len(items),
        done=sum(item.status == "done" for _, item in items),
        not_done=sum(item.status == "not_done" for _, item in items),
        open_due=due,
        open_later=len(open_items) - due,
        notes=tuple(
            (item.action, item.status, (item.note or "").strip()) for _, item in noted[:notes]
        ),
    )


_PUNCTUATION = re.compile(r"[^\w\s]")


def _normal(text: str) -> str:
    """Same words, any case and punctuation: "I'm too much." == "im too much"."""
    return " ".join(_PUNCTUATION.sub("", text.lower()).split())


def recurring(
    moments: Sequence[Moment], key: str, tz: tzinfo | None, limit: int = 3
) -> tuple[Recurring, ...]:
    """Answers to `key` that came back, most often first, then most recent; in the words
    last used."""
    groups: dict[str, list[tuple[datetime, str, date]]] = {}
    for moment in moments:
        text = text_answer(moment, key)
        if text and _normal(text):
            groups.setdefault(_normal(text), []).append(
                (moment.created_at, text, local_day(moment, tz))
            )
    found = []
    for seen in groups.values():
        _, text, day = max(seen)
        found.append(Recurring(text, len(seen), day))
    found.sort(key=lambda item: (-item.count, -item.last_seen.toordinal(), item.text))
    return tuple(found[:limit])


def _trigger_lens_pattern(reactions: Sequence[TriggerReaction]) -> str | None:
    """The trigger most often followed by one reactive lens (at least half the time)."""
    best: tuple[float, int, str, str, int] | None = None
    for item in reactions:
        for style, count in item.by_style:
            if style in REACTIVE_STYLES and count >= MIN_OCCURRENCES and count * 2 >= item.count:
                candidate = (count / item.count, count, item.trigger, style, item.count)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
    if best is None:
        return None
    _, count, trigger, style, total = best
    return (
        f"When “{trigger}” came up ({total} times), {count} of those moments were seen "
        f"through the {style} lens."
    )


def _urges_over_time(
    moments: Sequence[Moment], start: date, end: date, tz: tzinfo | None
) -> str | None:
    """Urges let pass in the earlier and the later half of the range, when both halves
    have enough answered urges and the share moved by at least a tenth."""
    middle = start + (end - start) // 2
    early = urge_counts([m for m in moments if local_day(m, tz) <= middle])
    late = urge_counts([m for m in moments if local_day(m, tz) > middle])
    early_answered = early.acted + early.not_acted
    late_answered = late.acted + late.not_acted
    if early_answered < MIN_OCCURRENCES or late_answered < MIN_OCCURRENCES:
        return None
    if abs(early.not_acted / early_answered - late.not_acted / late_answered) < 0.1:
        return None
    after = middle + timedelta(days=1)
    return (
        f"From {_day(start)} to {_day(middle)} you let {early.not_acted} of {early_answered} "
        f"urges pass without acting on them; from {_day(after)} to {_day(end)}, "
        f"{late.not_acted} of {late_answered}."
    )


def _when_pattern(when: WhenCounts) -> str | None:
    """The part of the day that holds at least half of the reactions."""
    if not when.enough:
        return None
    count = max(when.by_part)
    name, first, last = PARTS_OF_DAY[when.by_part.index(count)]
    if count < MIN_OCCURRENCES or count * 2 < when.reactions:
        return None
    return f"{count} of {when.reactions} reactions came in the {name} ({first:02d}–{last:02d})."


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def summarize_patterns(
    moments: Sequence[Moment],
    start: date,
    end: date,
    tz: tzinfo | None,
    today: date,
    person: str | None = None,
) -> PatternSummary:
    """The pattern review of the local days `start`..`end` (both included)."""
    inside = [m for m in moments if start <= local_day(m, tz) <= end]
    calendar: Counter[date] = Counter(local_day(moment, tz) for moment in inside)
    enough, thin = trigger_reactions(inside)
    when = when_counts(inside, tz)
    observations = (
        ()
        if len(inside) < MIN_OCCURRENCES
        else tuple(
            line
            for line in (
                _trigger_lens_pattern(enough),
                _urges_over_time(inside, start, end, tz),
                _when_pattern(when),
            )
            if line
        )
    )
    return PatternSummary(
        start=start,
        end=end,
        person=person,
        current=period_stats(inside, tz),
        calendar=dict(sorted(calendar.items())),
        trigger_reactions=enough,
        thin_triggers=thin,
        plane=plane_path(inside, tz),
        when=when,
        follow_through=follow_through(inside, today),
        beliefs=recurring(inside, "belief", tz),
        needs=recurring(inside, "need", tz),
        observations=observations,
    )


def patterns_to_dict(summary: PatternSummary) -> dict[str, Any]:
    """`patterns --json`: every figure the view shows."""
    flow = summary.follow_through
    return {
        "since": summary.start.isoformat(),
        "until": summary.end.isoformat(),
        "person": summary.person,
        **stats_to_dict(summary.current),
        "min_occurrences": MIN_OCCURRENCES,
        "trigger_reactions": [
            {
                "trigger": item.trigger,
                "count": item.count,
                "by_style": dict(item.by_style),
                "anxiety_avg": item.anxiety_avg,
                "avoidance_avg": item.avoidance_avg,
                "urges": [
                    {
                        "name": urge.name,
                        "noticed": urge.noticed,
                        "acted": urge.acted,
                        "not_acted": urge.not_acted,
                    }
                    for urge in item.urges
                ],
            }
            for item in summary.trigger_reactions
        ],
        "not_enough_yet": [[name, count] for name, count in summary.thin_triggers],
        "plane": [
            {
                "week": point.week,
                "start": point.start.isoformat(),
                "anxiety": point.anxiety,
                "avoidance": point.avoidance,
                "entries": point.entries,
                "region": point.region,
            }
            for point in summary.plane
        ],
        "calendar": {day.isoformat(): count for day, count in summary.calendar.items()},
        "when": {
            "reactions": summary.when.reactions,
            "by_weekday": dict(
                zip(
                    ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
                    summary.when.by_weekday,
                    strict=True,
                )
            ),
            "by_part_of_day": dict(
                zip((name for name, _, _ in PARTS_OF_DAY), summary.when.by_part, strict=True)
            ),
        },
        "follow_through": {
            "planned": flow.planned,
            "done": flow.done,
            "not_done": flow.not_done,
            "open_due": flow.open_due,
            "open_later": flow.open_later,
            "notes": [
                {"action": action, "status": status, "note": note}
                for action, status, note in flow.notes
            ],
        },
        "beliefs": [_recurring_dict(item) for item in summary.beliefs],
        "needs": [_recurring_dict(item) for item in summary.needs],
        "observations": list(summary.observations),
    }


def _recurring_dict(item: Recurring) -> dict[str, Any]:
    return {"text": item.text, "count": item.count, "last_seen": item.last_seen.isoformat()}
