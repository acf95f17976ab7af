"""The asker interface the guided flows talk to, and a scripted asker for tests.

Flows never import questionary: they hand each template question to an `Asker` and get a
plain answer back (None when skipped). `ui.QuestionaryAsker` asks on a terminal;
`ScriptedAsker` answers from a dict, so a flow can be tested as "answers in, entry out".
Answers are JSON-ready so that a draft can hold them as they are:

| type | answer |
|---|---|
| text, long-text, choice, person, trigger | str |
| multi-choice | list[str] |
| scale | int 0-10 |
| yes-no | bool |
| emotions | {"hurt": 7, ...} (intensity may be None) |
| urges | {"go quiet": False, ...} (urge → acted on it? None: not answered) |
| day | "YYYY-MM-DD" |
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from attachjournal.errors import UsageError
from attachjournal.prompts import Question
from attachjournal.vocabulary import EMOTIONS, TRIGGERS, URGES_DOWN, URGES_UP

SOMETHING_ELSE = "something else"


@dataclass(frozen=True)
class AskContext:
    """What an asker may need besides the question: the clock and known people."""

    now: datetime
    people: Sequence[str] = ()


class Asker(Protocol):
    """How a flow talks to the person."""

    def say(self, text: str) -> None:
        """Show a line or a paragraph (intro, suggestion, confirmation)."""

    def ask(self, question: Question, context: AskContext) -> Any:
        """The answer to one template question, or None when skipped."""

    def confirm(self, message: str, default: bool = True) -> bool:
        """A yes/no decision that is not part of the entry."""

    def choose(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        """One of `options` (value, label); returns the value."""

    def write(self, message: str, long: bool = False) -> str | None:
        """Free text outside a template (a note on a follow-up; free writing when `long`)."""


def read_scale(text: str) -> int | None:
    """A 0-10 rating typed by a person; '' is None. Raises ValueError with a reason."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit() or not 0 <= int(cleaned) <= 10:
        raise ValueError("type a whole number from 0 to 10")
    return int(cleaned)


def read_day(text: str, now: datetime) -> str | None:
    """A day from a date or phrase ('friday', 'in 3 days', '2026-12-01'), today or later."""
    from attachjournal.dates import parse_span

    cleaned = text.strip().lower()
    if not cleaned:
        return None
    words = cleaned.split()
    if words[-1] in _WEEKDAYS and (len(words) == 1 or words == ["next", words[-1]]):
        # Looking ahead: "friday" is the coming Friday (today if it is Friday).
        ahead = (_WEEKDAYS.index(words[-1]) - now.weekday()) % 7
        if len(words) == 2 and ahead == 0:
            ahead = 7
        return date.fromordinal(now.date().toordinal() + ahead).isoformat()
    try:
        day = parse_span(cleaned, now).start.date()
    except UsageError:
        raise ValueError(
            "try a date (2026-12-01) or a phrase: tomorrow, friday, 'in 3 days', 'in a week'"
        ) from None
    if day < now.date():
        raise ValueError("pick today or a later day")
    return day.isoformat()


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def trigger_choices(question: Question) -> tuple[str, ...]:
    choices = question.choices or TRIGGERS
    return choices if SOMETHING_ELSE in choices else (*choices, SOMETHING_ELSE)


def emotion_choices(question: Question) -> tuple[str, ...]:
    return question.choices or EMOTIONS


def urge_groups(question: Question) -> list[tuple[str, tuple[str, ...]]]:
    """Urges to offer, grouped: the template's own, or alarm up / alarm down."""
    if question.choices:
        return [("", question.choices)]
    return [("turning the alarm up", URGES_UP), ("turning it down", URGES_DOWN)]


class ScriptedAnswerError(AssertionError):
    """A scripted answer does not fit the question it was given to."""


@dataclass
class ScriptedAsker:
    """Answers questions from `answers` (by key; missing → skipped) for tests.

    `choices` and `confirms` are queues for the flow's own decisions (first option / the
    default when empty); `interrupt_at` raises KeyboardInterrupt when that key is asked.
    Every question key asked is recorded in `asked`, everything said in `said`.
    """

    answers: Mapping[str, Any] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    confirms: list[bool] = field(default_factory=list)
    writes: list[str | None] = field(default_factory=list)
    interrupt_at: str | None = None
    interrupt_with: type[BaseException] = KeyboardInterrupt
    on_ask: Callable[[Question], None] | None = None
    asked: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    offered: list[tuple[str, list[str]]] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.said.append(text)

    def ask(self, question: Question, context: AskContext) -> Any:
        if self.on_ask is not None:
            self.on_ask(question)
        if question.key == self.interrupt_at:
            raise self.interrupt_with()
        self.asked.append(question.key)
        answer = self.answers.get(question.key)
        if answer is None and not question.optional:
            raise ScriptedAnswerError(f"{question.key!r} is required but has no scripted answer")
        return answer

    def confirm(self, message: str, default: bool = True) -> bool:
        self.said.append(message)
        return self.confirms.pop(0) if self.confirms else default

    def choose(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        values = [value for value, _ in options]
        self.offered.append((message, values))
        if not self.choices:
            return values[0]
        value = self.choices.pop(0)
        if value not in values:
            raise ScriptedAnswerError(f"{value!r} is not one of {values} for {message!r}")
        return value

    def write(self, message: str, long: bool = False) -> str | None:
        self.said.append(message)
        return self.writes.pop(0) if self.writes else None
