"""Choosing today's prompt from what the last two weeks of entries show.

Pure: entries, the library and `now` in, one `Suggestion` out. The rules look for a few
plain signals (distancing urges, alarm urges, worry rising against the week before, a lens
the person kept choosing, a trigger that keeps coming back; on a busy week's Sunday, the
weekly look-back) and pick a template that fits, saying why in one line.
It is never a diagnosis: the reason names what was written, and the person can take the
lens, pick another prompt or write freely. Among fitting templates the choice rotates by
day and avoids the ones used most recently, so a month of days brings varied prompts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from attachjournal.prompts import ANY_STYLE, Library, Template
from attachjournal.records import EntryRecord
from attachjournal.vocabulary import urge_direction

LOOKBACK = timedelta(days=14)
WEEK = timedelta(days=7)
URGE_SIGNAL = 3  # urges of one direction in a week that make a pattern worth a look
TRIGGER_SIGNAL = 3
SUNDAY = 6
RISE_SIGNAL = 1.5  # points of average worry (0-10) more than the week before
# Kinds that are not a reflection on a moment: never today's default suggestion.
NOT_SUGGESTED = ("checkin", "weekly-lookback", "session-prep", "origins")


@dataclass(frozen=True)
class Suggestion:
    """A template to offer, the lens it brings (or None) and why, in one line."""

    template: Template
    style: str | None
    reason: str


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _candidates(library: Library, style: str | None, trigger: str | None) -> list[Template]:
    """Reflection templates for `style` (its own before any-style ones), trigger matches first."""
    pool = [t for t in library.templates.values() if t.kind not in NOT_SUGGESTED]
    if style is not None:
        own = [t for t in pool if style in t.styles]
        pool = own or [t for t in pool if t.fits(style)]
    if trigger is not None:
        matching = [t for t in pool if trigger in t.situations]
        pool = matching or pool
    return sorted(pool, key=lambda t: t.id)


def _pick(pool: list[Template], recent: Sequence[EntryRecord], now: datetime) -> Template | None:
    """Rotate by day, skipping templates used in the last few entries when others exist."""
    if not pool:
        return None
    used = {entry.template for entry in recent[:3]}
    fresh = [t for t in pool if t.id not in used] or pool
    return fresh[now.date().toordinal() % len(fresh)]


def _fallback(library: Library) -> Template | None:
    """A gentle general prompt: an any-style reflection, else a secure-moment log."""
    templates = sorted(library.templates.values(), key=lambda t: t.id)
    general = [t for t in templates if t.kind == "reflection" and ANY_STYLE in t.styles]
    gentle = general or [t for t in templates if t.kind == "secure-moment"]
    pool = gentle or [t for t in templates if t.kind not in NOT_SUGGESTED] or templates
    return pool[0] if pool else None


def _weekly(library: Library, week: Sequence[EntryRecord], now: datetime) -> Template | None:
    """On a Sunday after a week with several entries, the weekly look-back (once a week)."""
    if now.weekday() != SUNDAY or len(week) < TRIGGER_SIGNAL:
        return None
    lookbacks = sorted(
        (t for t in library.templates.values() if t.kind == "weekly-lookback"), key=lambda t: t.id
    )
    used = {e.template for e in week}
    return next((t for t in lookbacks if t.id not in used), None)


def _signal(week: Sequence[EntryRecord], before: Sequence[EntryRecord]) -> tuple[str | None, str]:
    """The lens the week points to (or None) and the reason in plain words."""
    up = [u.name for e in week for u in e.urges if urge_direction(u.name) == "up"]
    down = [u.name for e in week for u in e.urges if urge_direction(u.name) == "down"]
    if len(up) >= URGE_SIGNAL - 1 and len(down) >= URGE_SIGNAL - 1:
        return "fearful", (
            f"This week you noted {_count(len(up), 'urge', 'urges')} to reach for closeness and "
            f"{len(down)} to step back — a push-pull lens might help."
        )
    if len(down) >= URGE_SIGNAL:
        top = Counter(down).most_common(1)[0][0]
        return "avoidant", (
            f"You noted {len(down)} pulls to step back this week (like “{top}”), "
            "so an avoidant lens might fit."
        )
    if len(up) >= URGE_SIGNAL:
        top = Counter(up).most_common(1)[0][0]
        return "anxious", (
            f"You noted {len(up)} urges to reach for reassurance this week (like “{top}”), "
            "so an anxious lens might fit."
        )
    now_worry = _mean([e.anxiety for e in week if e.anxiety is not None])
    then_worry = _mean([e.anxiety for e in before if e.anxiety is not None])
    if now_worry is not None and then_worry is not None and now_worry - then_worry >= RISE_SIGNAL:
        return "anxious", (
            f"Worry has averaged {now_worry:.1f} this week, up from {then_worry:.1f} the week "
            "before, so an anxious lens might fit."
        )
    lenses = Counter(e.style for e in week if e.style and e.style != "secure")
    if lenses:
        lens, times = lenses.most_common(1)[0]
        if times >= URGE_SIGNAL:
            return (
                lens,
                f"You chose the {lens} lens for {times} entries this week; here is another.",
            )
    return None, ""


def suggest(library: Library, recent: Sequence[EntryRecord], now: datetime) -> Suggestion | None:
    """Today's suggestion from the last two weeks of entries (newest first); None if the
    library is empty."""
    recent = sorted(
        (e for e in recent if now - LOOKBACK <= e.created_at <= now),
        key=lambda e: e.created_at,
        reverse=True,
    )
    week = [e for e in recent if e.created_at >= now - WEEK]
    before = [e for e in recent if e.created_at < now - WEEK]
    if not week:
        template = _fallback(library)
        if template is None:
            return None
        reason = (
            "Nothing written in the last week, so here is a gentle place to start."
            if not recent
            else "It has been a few quiet days; here is a gentle way back in."
        )
        return Suggestion(template, None, reason)
    style, reason = _signal(week, before)
    triggers = Counter(e.trigger for e in week if e.trigger)
    top_trigger, seen = triggers.most_common(1)[0] if triggers else (None, 0)
    trigger = top_trigger if seen >= TRIGGER_SIGNAL else None
    if style is None and trigger is not None:
        reason = (
            f"“{trigger}” came up {seen} times this week; this prompt looks at moments like it."
        )
    elif trigger is not None:
        reason += f" “{trigger}” came up {seen} times, so this prompt is about that."
    calm = style is None and trigger is None
    weekly = _weekly(library, week, now) if calm else None
    if weekly is not None:
        reason = f"It's Sunday and you wrote {len(week)} times in the last seven days."
        return Suggestion(weekly, None, reason)
    if calm:
        style = "secure"
        reason = (
            "No strong pattern this week, so a look at what is going well — "
            "or pick any prompt you like."
        )
    template = _pick(_candidates(library, style, trigger), week, now)
    if template is None:
        template = _pick(_candidates(library, None, trigger), week, now) or _fallback(library)
        if template is None:
            return None
        if calm:
            reason = "No strong pattern this week; this prompt looks at one moment."
        style = style if template.fits(style) else None
    return Suggestion(template, style, reason)
