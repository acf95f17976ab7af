"""The therapy brief: a short Markdown page about a stretch of entries, to bring to a session.

Pure: `BriefBuilder` reads a chronological stream of entries and keeps only what the page
needs (the figures of the week in hand, a few stand-out moments, counted phrases, the
latest steps and questions), so even a long period keeps memory flat. Week figures come
from `summary.py`, the same numbers `week` shows. `render_brief` writes the page: warm,
plain, in the person's own words, and short enough to read in five minutes.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from attachjournal.dates import iso_week_label, local_midnight, week_start
from attachjournal.records import EntryRecord, FollowUp
from attachjournal.summary import (
    Moment,
    action_counts,
    moment_from_record,
    period_stats,
    urge_counts,
)

DEFAULT_DAYS = 14
MAX_MOMENTS = 4
MAX_PHRASES = 4
MAX_STEPS = 6
MAX_QUESTIONS = 6
EXCERPT_CHARS = 280
OWN_WORDS: tuple[tuple[str, str], ...] = (
    ("belief", "What it seemed to say about me"),
    ("need", "What I need"),
    ("balanced_thought", "Kinder thoughts I found"),
)
STEP_MARKS = {"done": "✓", "not_done": "✗", "open": "…"}
STEP_WORDS = {"done": "done", "not_done": "didn't happen", "open": "not checked yet"}


def default_start(last_end: datetime | None, now: datetime) -> datetime:
    """Since the last brief, or the last two weeks (today and the 13 days before)."""
    if last_end is not None:
        return last_end
    return local_midnight(now.date() - timedelta(days=DEFAULT_DAYS - 1), now.tzinfo)


@dataclass(frozen=True)
class WeekFigures:
    """One week's key figures, as `summary.py` counts them."""

    label: str
    start: date
    entries: int
    anxiety_avg: float | None
    avoidance_avg: float | None
    urges_noticed: int
    urges_acted: int
    steps_planned: int
    steps_done: int


@dataclass(frozen=True)
class StandOut:
    """A reflection the person starred or rated most intense."""

    when: datetime
    starred: bool
    style: str | None
    person: str | None
    anxiety: int | None
    avoidance: int | None
    excerpt: str


@dataclass(frozen=True)
class Phrase:
    text: str
    count: int


@dataclass(frozen=True)
class Step:
    planned: datetime
    item: FollowUp


@dataclass(frozen=True)
class Question:
    asked: datetime
    text: str


@dataclass(frozen=True)
class Brief:
    start: datetime
    end: datetime
    reason: str
    entries: int
    weeks: tuple[WeekFigures, ...]
    stand_outs: tuple[StandOut, ...]
    own_words: tuple[tuple[str, tuple[Phrase, ...]], ...]
    steps: tuple[Step, ...]
    steps_total: int
    questions: tuple[Question, ...]
    questions_total: int


def excerpt(entry: EntryRecord, limit: int = EXCERPT_CHARS) -> str:
    """The moment in a few lines of the person's words: the situation, else the text."""
    source = entry.answers.get("situation")
    if not isinstance(source, str) or not source.strip():
        source = entry.text
    flat = " ".join(source.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(",;:.") + " …"


def _phrase_key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!")


@dataclass
class _Counted:
    spelling: str
    count: int = 0
    last: datetime | None = None


@dataclass
class BriefBuilder:
    """Collects a brief from a chronological stream of entries, one entry at a time."""

    tz: tzinfo | None
    weeks: list[WeekFigures] = field(default_factory=list)
    entries: int = 0
    _week: date | None = None
    _moments: list[Moment] = field(default_factory=list)
    _stand_outs: list[tuple[tuple[int, int, datetime], int, StandOut]] = field(default_factory=list)
    _words: dict[str, dict[str, _Counted]] = field(default_factory=dict)
    _steps: deque[Step] = field(default_factory=lambda: deque(maxlen=MAX_STEPS))
    _steps_total: int = 0
    _questions: deque[Question] = field(default_factory=lambda: deque(maxlen=MAX_QUESTIONS))
    _questions_total: int = 0

    def add(self, entry: EntryRecord) -> None:
        self.entries += 1
        week = week_start(entry.created_at.astimezone(self.tz).date())
        if week != self._week:
            self._close_week()
            self._week = week
        self._moments.append(moment_from_record(entry))
        self._stand_out(entry)
        for key, _ in OWN_WORDS:
            value = entry.answers.get(key)
            if isinstance(value, str) and value.strip():
                counted = self._words.setdefault(key, {}).setdefault(
                    _phrase_key(value), _Counted(" ".join(value.split()))
                )
                counted.count += 1
                counted.last = entry.created_at
        for item in entry.followups:
            self._steps_total += 1
            self._steps.append(Step(entry.created_at, item))
        question = entry.answers.get("open_question")
        if isinstance(question, str) and question.strip():
            self._questions_total += 1
            self._questions.append(Question(entry.created_at, " ".join(question.split())))

    def _stand_out(self, entry: EntryRecord) -> None:
        intensity = max(entry.anxiety or 0, entry.avoidance or 0)
        if not entry.starred and intensity == 0:
            return
        rank = (int(entry.starred), intensity, entry.created_at)
        item = StandOut(
            entry.created_at,
            entry.starred,
            entry.style,
            entry.person,
            entry.anxiety,
            entry.avoidance,
            excerpt(entry),
        )
        candidate = (rank, entry.id, item)
        if len(self._stand_outs) < MAX_MOMENTS:
            heapq.heappush(self._stand_outs, candidate)
        elif candidate[:2] > self._stand_outs[0][:2]:
            heapq.heapreplace(self._stand_outs, candidate)

    def _close_week(self) -> None:
        if self._week is None or not self._moments:
            return
        stats = period_stats(self._moments, self.tz)
        urges = urge_counts(self._moments)
        steps = action_counts(self._moments)
        self.weeks.append(
            WeekFigures(
                label=iso_week_label(self._week),
                start=self._week,
                entries=stats.entries,
                anxiety_avg=stats.anxiety_avg,
                avoidance_avg=stats.avoidance_avg,
                urges_noticed=urges.noticed,
                urges_acted=urges.acted,
                steps_planned=steps.planned,
                steps_done=steps.done,
            )
        )
        self._moments = []

    def build(self, start: datetime, end: datetime, reason: str) -> Brief:
        self._close_week()
        own_words = []
        for key, title in OWN_WORDS:
            counted = sorted(
                self._words.get(key, {}).values(),
                key=lambda c: (-c.count, -(c.last.timestamp() if c.last else 0)),
            )[:MAX_PHRASES]
            if counted:
                own_words.append((title, tuple(Phrase(c.spelling, c.count) for c in counted)))
        moments = sorted(self._stand_outs, key=lambda c: c[2].when)
        return Brief(
            start=start,
            end=end,
            reason=reason,
            entries=self.entries,
            weeks=tuple(self.weeks),
            stand_outs=tuple(item for _, _, item in moments),
            own_words=tuple(own_words),
            steps=tuple(self._steps),
            steps_total=self._steps_total,
            questions=tuple(self._questions),
            questions_total=self._questions_total,
        )


def _day(moment: datetime, tz: tzinfo | None) -> str:
    return f"{moment.astimezone(tz):%a %d %b}"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _more(shown: int, total: int, what: str) -> list[str]:
    return [f"\n*…and {total - shown} earlier {what} in the journal.*"] if total > shown else []


def render_brief(brief: Brief, tz: tzinfo | None) -> str:
    """The brief as Markdown."""
    last_day = brief.end - timedelta(seconds=1)
    span = f"{brief.start.astimezone(tz):%d %b %Y} to {last_day.astimezone(tz):%d %b %Y}"
    noun = "entry" if brief.entries == 1 else "entries"
    lines = [
        "# Notes for my next session",
        "",
        f"*{span} ({brief.reason}) · {brief.entries} journal {noun}*",
        "",
        "A few things from my journal that I'd like to talk through. These are my own notes "
        "about how I reacted in close relationships; they are not a test or a diagnosis.",
        "",
        "## The weeks at a glance",
        "",
        "Anxiety and avoidance are my own 0–10 ratings: how strong the worry was, and how "
        "strong the urge to pull away was.",
        "",
        "| Week | Entries | Anxiety (avg) | Avoidance (avg) | Urges noticed | Acted on "
        "| Steps planned | Done |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for week in brief.weeks:
        lines.append(
            f"| {week.label} (from {week.start:%d %b}) | {week.entries} | "
            f"{_number(week.anxiety_avg)} | {_number(week.avoidance_avg)} | "
            f"{week.urges_noticed} | {week.urges_acted} | {week.steps_planned} | "
            f"{week.steps_done} |"
        )
    if brief.stand_outs:
        lines += ["", "## Moments that stood out", ""]
        for moment in brief.stand_outs:
            facts = [f"{moment.style} lens" if moment.style else None]
            facts.append(f"with {moment.person}" if moment.person else None)
            if moment.anxiety is not None:
                facts.append(f"anxiety {moment.anxiety}")
            if moment.avoidance is not None:
                facts.append(f"avoidance {moment.avoidance}")
            star = "★ " if moment.starred else ""
            detail = ", ".join(fact for fact in facts if fact)
            heading = f"- **{star}{_day(moment.when, tz)}**" + (f" ({detail})" if detail else "")
            lines.append(f"{heading}: {moment.excerpt}")
    if brief.own_words:
        lines += ["", "## What kept coming up, in my own words"]
        for title, phrases in brief.own_words:
            lines += ["", f"**{title}**", ""]
            for phrase in phrases:
                times = f" ({phrase.count} times)" if phrase.count > 1 else ""
                lines.append(f"- “{phrase.text}”{times}")
    if brief.steps:
        lines += ["", "## Secure steps and how they went", ""]
        for step in brief.steps:
            item = step.item
            line = f"- {STEP_MARKS.get(item.status, '-')} {item.action.strip()} "
            line += f"(planned {_day(step.planned, tz)}): {STEP_WORDS.get(item.status, '')}"
            if item.note and item.note.strip():
                line += f" — {' '.join(item.note.split())}"
            lines.append(line)
        lines += _more(len(brief.steps), brief.steps_total, "steps")
    if brief.questions:
        lines += ["", "## Questions I marked for the session", ""]
        for question in brief.questions:
            lines.append(f"- {question.text} ({_day(question.asked, tz)})")
        lines += _more(len(brief.questions), brief.questions_total, "questions")
    return "\n".join(lines) + "\n"
