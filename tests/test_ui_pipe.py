"""The questionary asker driven through a prompt_toolkit pipe input (no terminal needed)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from attachjournal.asking import AskContext
from attachjournal.firstpaint import fit
from attachjournal.prompts import Condition, Question
from attachjournal.ui import QuestionaryAsker

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday
CTX = AskContext(now=NOW, people=("Sam", "Samira", "Alex"))
ENTER, DOWN, SPACE, ESC_ENTER, CTRL_C, BACKSPACE = "\r", "\x1b[B", " ", "\x1b\r", "\x03", "\x7f"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def ask(pipe: PipeInput, question: Question, keys: str, context: AskContext = CTX) -> object:
    pipe.send_text(keys)
    return QuestionaryAsker(input=pipe, output=DummyOutput()).ask(question, context)


def q(key: str, kind: str, **options: object) -> Question:
    return Question(key, kind, f"Question {key}?", **options)  # type: ignore[arg-type]


def test_text_and_skipping(pipe: PipeInput) -> None:
    assert ask(pipe, q("body", "text"), "tight chest" + ENTER) == "tight chest"
    assert ask(pipe, q("body", "text"), ENTER) is None


def test_required_text_is_asked_again_until_answered(pipe: PipeInput) -> None:
    assert ask(pipe, q("need", "text", optional=False), ENTER + "rest" + ENTER) == "rest"


def test_long_text_keeps_lines_and_finishes_with_escape_enter(pipe: PipeInput) -> None:
    answer = ask(pipe, q("situation", "long-text"), "first" + ENTER + "second" + ESC_ENTER)
    assert answer == "first\nsecond"


def test_scale_reasks_on_bad_input(pipe: PipeInput) -> None:
    keys = "11" + ENTER + BACKSPACE * 2 + "7" + ENTER
    assert ask(pipe, q("anxiety", "scale", low="calm", high="a lot"), keys) == 7
    assert ask(pipe, q("anxiety", "scale"), ENTER) is None


def test_choice_and_skip(pipe: PipeInput) -> None:
    question = q("place", "choice", choices=("home", "work"))
    assert ask(pipe, question, ENTER) is None  # Enter skips, as everywhere
    assert ask(pipe, question, DOWN + DOWN + ENTER) == "work"
    required = q("place", "choice", choices=("home", "work"), optional=False)
    assert ask(pipe, required, ENTER) == "home"


def test_multi_choice(pipe: PipeInput) -> None:
    question = q("thinking_traps", "multi-choice", choices=("mind reading", "fortune telling"))
    assert ask(pipe, question, SPACE + DOWN + SPACE + ENTER) == ["mind reading", "fortune telling"]
    assert ask(pipe, question, ENTER) is None


def test_yes_no(pipe: PipeInput) -> None:
    assert ask(pipe, q("grounding", "yes-no"), DOWN + DOWN + ENTER) is False
    assert ask(pipe, q("grounding", "yes-no"), DOWN + ENTER) is True
    assert ask(pipe, q("grounding", "yes-no"), ENTER) is None


def test_person_completes_from_people_in_the_journal(pipe: PipeInput) -> None:
    # Completions are computed after typing, so Tab comes a moment later, as from a person.
    later = threading.Timer(0.5, pipe.send_text, args=("\t" + ENTER,))
    later.start()
    try:
        assert ask(pipe, q("person", "person"), "Ale") == "Alex"
    finally:
        later.cancel()
    assert ask(pipe, q("person", "person"), "Jo" + ENTER) == "Jo"


def test_person_without_anyone_known_is_plain_text(pipe: PipeInput) -> None:
    assert ask(pipe, q("person", "person"), "Jo" + ENTER, AskContext(now=NOW)) == "Jo"


def test_trigger_from_the_vocabulary_or_in_own_words(pipe: PipeInput) -> None:
    assert ask(pipe, q("trigger", "trigger"), DOWN * 2 + ENTER) == "they seemed distant"
    own = q("trigger", "trigger", choices=("a conflict",))
    assert ask(pipe, own, DOWN * 2 + ENTER + "a late train" + ENTER) == "a late train"


def test_emotions_then_an_intensity_each(pipe: PipeInput) -> None:
    keys = SPACE + DOWN + SPACE + ENTER + "7" + ENTER + ENTER
    answer = ask(pipe, q("emotions", "emotions"), keys)
    assert answer == {"worried": 7, "afraid": None}


def test_urges_grouped_with_acted_on_each(pipe: PipeInput) -> None:
    # first alarm-up urge; then "did you act on it?" → the second option (yes).
    answer = ask(pipe, q("urges", "urges"), SPACE + ENTER + DOWN + ENTER)
    assert answer == {"check my phone again and again": True}


def test_urges_in_own_words(pipe: PipeInput) -> None:
    question = q("urges", "urges", choices=("go quiet",))
    keys = DOWN + SPACE + ENTER + "text my ex" + ENTER + ENTER
    assert ask(pipe, question, keys) == {"text my ex": False}


def test_day_reads_phrases_and_reasks_on_bad_input(pipe: PipeInput) -> None:
    question = q("followup_day", "day", when=Condition("secure_action"))
    assert ask(pipe, question, "friday" + ENTER) == "2026-11-27"
    keys = "someday" + ENTER + BACKSPACE * 7 + "in 3 days" + ENTER
    assert ask(pipe, question, keys) == "2026-11-27"
    assert ask(pipe, question, ENTER) is None


def test_ctrl_c_raises_instead_of_looking_like_a_skip(pipe: PipeInput) -> None:
    with pytest.raises(KeyboardInterrupt):
        ask(pipe, q("body", "text"), "half" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(pipe, q("place", "choice", choices=("home",)), CTRL_C)


def test_first_prompt_callback_runs_once_after_drawing(pipe: PipeInput) -> None:
    calls: list[str] = []
    asker = QuestionaryAsker(
        on_first_prompt=lambda: calls.append("x"), input=pipe, output=DummyOutput()
    )
    pipe.send_text("a" + ENTER)
    asker.ask(q("body", "text"), CTX)
    pipe.send_text("b" + ENTER)
    asker.ask(q("body", "text"), CTX)
    assert calls == ["x"]


def test_choose_and_write(pipe: PipeInput) -> None:
    asker = QuestionaryAsker(input=pipe, output=DummyOutput())
    pipe.send_text(DOWN + ENTER)
    assert asker.choose("Which?", [("a", "first"), ("b", "second")]) == "b"
    pipe.send_text("a note" + ENTER)
    assert asker.write("Anything to note?") == "a note"


def test_long_prompts_are_wrapped_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    wrapped = fit("word " * 20, reserved=10)
    assert all(len(line) <= 36 for line in wrapped.splitlines())
    assert wrapped.endswith("\n  ")  # the instruction would not fit on the last line


def test_a_long_list_can_be_narrowed_by_typing(pipe: PipeInput) -> None:
    asker = QuestionaryAsker(input=pipe, output=DummyOutput())
    options = [(f"t{i}", f"template number {i}") for i in range(12)]
    pipe.send_text("number 11" + ENTER)
    assert asker.choose("Which prompt would you like?", options) == "t11"


def test_thinking_traps_come_with_their_explanation(pipe: PipeInput) -> None:
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=30, columns=100), term="xterm")
    question = q("thinking_traps", "multi-choice", choices=("mind reading", "my own"))
    pipe.send_text(SPACE + ENTER)
    answer = QuestionaryAsker(input=pipe, output=output).ask(question, CTX)
    assert answer == ["mind reading"]
    assert "deciding what they think or feel without asking" in screen.getvalue()
