"""Running one template through an asker and turning the answers into an entry.

Questions are asked in order; a question whose `when` does not hold is skipped, and every
optional one can be left blank. Answers land where DEVELOPERS.md's well-known keys say
(person/trigger/ratings as columns, urges and the secure action in their tables, `note`
as the entry text, the rest in `answers`), so summaries read every template alike.
Progress is kept in a `Progress` as it grows, so an interruption can keep it as a draft.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from types import FrameType
from typing import Any

from attachjournal.asking import AskContext, Asker
from attachjournal.prompts import Template
from attachjournal.records import FollowUp, NewEntry, Urge

COLUMN_KEYS = ("person", "trigger", "anxiety", "avoidance")
TABLE_KEYS = ("urges", "secure_action", "followup_day", "note")
SKIPPED_KEY = "_skipped"  # in a draft's answers: questions already passed over


class TerminalClosed(KeyboardInterrupt):
    """The terminal went away (SIGHUP) or the process was asked to stop (SIGTERM)."""


@contextmanager
def _signals_handled(handler: Any, signals: tuple[str, ...]) -> Iterator[None]:
    """Install `handler` for the named signals that exist here, restoring them after."""
    previous = {}
    try:
        for name in signals:
            if (sig := getattr(signal, name, None)) is not None:
                previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _raise_closed(signum: int, frame: FrameType | None) -> None:
    raise TerminalClosed()


def hangup_as_interrupt() -> AbstractContextManager[None]:
    """Turn SIGHUP/SIGTERM into an exception, so a closed terminal keeps a draft too."""
    return _signals_handled(_raise_closed, ("SIGHUP", "SIGTERM"))


def shielded() -> AbstractContextManager[None]:
    """Finish a save even if Ctrl-C is pressed again or the terminal closes meanwhile."""
    return _signals_handled(signal.SIG_IGN, ("SIGINT", "SIGHUP", "SIGTERM"))


@dataclass
class Progress:
    """Answers so far and the questions passed over; enough to resume."""

    answers: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def from_draft(cls, stored: dict[str, Any]) -> Progress:
        answers = dict(stored)
        skipped = answers.pop(SKIPPED_KEY, [])
        return cls(answers, [str(key) for key in skipped] if isinstance(skipped, list) else [])

    def to_draft(self) -> dict[str, Any]:
        return {**self.answers, SKIPPED_KEY: list(self.skipped)} if self.skipped else self.answers

    @property
    def started(self) -> bool:
        return bool(self.answers)


def _blank(answer: Any) -> bool:
    return answer is None or (isinstance(answer, str | list | dict) and not answer)


def ask_template(template: Template, asker: Asker, context: AskContext, progress: Progress) -> None:
    """Ask every question that applies and has not been answered or passed over yet."""
    for question in template.questions:
        if question.key in progress.answers or question.key in progress.skipped:
            continue
        if not question.applies(progress.answers):
            continue
        answer = asker.ask(question, context)
        if isinstance(answer, str):
            answer = answer.strip()
        if _blank(answer):
            progress.skipped.append(question.key)
        else:
            progress.answers[question.key] = answer


def entry_kind(template: Template) -> str:
    return "checkin" if template.kind == "checkin" else "reflection"


def template_style(template: Template, chosen: str | None) -> str | None:
    """The lens for the entry: the one chosen, else the template's only style."""
    if chosen is not None:
        return chosen
    styles = [style for style in template.styles if style != "any"]
    return styles[0] if len(styles) == 1 else None


def _urges(value: Any) -> tuple[Urge, ...]:
    if isinstance(value, dict):
        return tuple(
            Urge(str(name), None if acted is None else bool(acted)) for name, acted in value.items()
        )
    if isinstance(value, list):
        return tuple(Urge(str(name)) for name in value)
    return ()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def build_entry(
    template: Template,
    answers: dict[str, Any],
    *,
    now: datetime,
    style: str | None = None,
    person: str | None = None,
) -> NewEntry | None:
    """The entry the answers make, or None when nothing at all was answered."""
    answers = {key: value for key, value in answers.items() if key != SKIPPED_KEY}
    person = person or answers.get("person")
    if not answers and not person:
        return None
    action = answers.get("secure_action")
    followups: tuple[FollowUp, ...] = ()
    if isinstance(action, str) and action.strip():
        day = answers.get("followup_day")
        due = date.fromisoformat(day) if isinstance(day, str) and day else None
        followups = (FollowUp(None, action.strip(), due),)
    note = answers.get("note")
    trigger = answers.get("trigger")
    return NewEntry(
        kind=entry_kind(template),
        text=note.strip() if isinstance(note, str) else "",
        created_at=now,
        style=template_style(template, style),
        template=template.id,
        person=str(person) if person else None,
        trigger=str(trigger) if trigger else None,
        anxiety=_int(answers.get("anxiety")),
        avoidance=_int(answers.get("avoidance")),
        answers={k: v for k, v in answers.items() if k not in COLUMN_KEYS + TABLE_KEYS},
        urges=_urges(answers.get("urges")),
        followups=followups,
    )
