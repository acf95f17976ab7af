"""Weekly summaries and longer pattern reviews, worked out from plain rows.

Pure on purpose: every function takes the rows, the person's time zone and (where it
matters) today's date, and returns frozen dataclasses. No database, no clock, no printing,
so each figure can be checked against numbers worked out by hand, in any zone.

Day and week boundaries are local: an entry belongs to the local day it was written on,
and a week is the ISO week (Monday to Sunday) of that local day. Averages are rounded half
up to one decimal from exact integer sums, so 4.25 shows as 4.3 on every platform.
Observations are only made when at least MIN_OCCURRENCES moments support them.
"""

from __future__ import annotations

import re
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
MIDPOINT = 5.0  # ratings at or above this count as "high" on the plane
REACTIVE_STYLES: tuple[str, ...] = ("anxious", "avoidant", "fearful")
HIGHLIGHT_KEYS: tuple[str, ...] = ("balanced_thought", "need")
ANSWER_KEYS: tuple[str, ...] = ("balanced_thought", "need", "belief")
PARTS_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 6),
    ("morning", 6, 12),
    ("afternoon", 12, 18),
    ("evening", 18, 24),
)
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


def _style_counts(moments: Sequence[Moment]) -> dict[str, int]:
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
        by_style=_style_counts(moments),
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


# ---------------------------------------------------------------------------- patterns


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
        styles = _style_counts(group)
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


# ---------------------------------------------------------------------------- JSON


def _stats_dict(stats: PeriodStats) -> dict[str, Any]:
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
        **_stats_dict(summary.current),
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
            **_stats_dict(summary.previous),
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


def patterns_to_dict(summary: PatternSummary) -> dict[str, Any]:
    """`patterns --json`: every figure the view shows."""
    flow = summary.follow_through
    return {
        "since": summary.start.isoformat(),
        "until": summary.end.isoformat(),
        "person": summary.person,
        **_stats_dict(summary.current),
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
