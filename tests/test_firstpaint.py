"""The first question is painted before questionary loads, then handed over cleanly."""

from __future__ import annotations

import io
import signal
from datetime import UTC, datetime

import pytest

from attachjournal.asking import AskContext, ScriptedAsker
from attachjournal.firstpaint import FirstPaintAsker, fit
from attachjournal.prompts import Question

CTX = AskContext(now=datetime(2026, 11, 24, tzinfo=UTC))


def test_first_question_is_painted_then_wiped_for_the_real_prompt() -> None:
    screen = io.StringIO()
    seen_before_loading: list[str] = []
    real = ScriptedAsker({"body": "tight chest", "note": "ok"})

    def make(live) -> ScriptedAsker:
        seen_before_loading.append(screen.getvalue())
        return real

    asker = FirstPaintAsker(make, out=screen)
    asker.say("An intro")
    assert not asker.loaded
    assert asker.ask(Question("body", "text", "What did your body do?"), CTX) == "tight chest"
    assert seen_before_loading == ["An intro\n? What did your body do?"]
    assert screen.getvalue().endswith("\r\x1b[J")
    assert asker.ask(Question("note", "text", "Anything else?"), CTX) == "ok"
    assert "Anything else" not in screen.getvalue()  # only the first one is painted
    assert real.asked == ["body", "note"]


def test_a_wrapped_first_question_is_wiped_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    screen = io.StringIO()
    asker = FirstPaintAsker(lambda live: ScriptedAsker(choices=["b"]), out=screen)
    message = "a question long enough to need two or three lines on a narrow terminal"
    assert asker.choose(message, [("a", "A"), ("b", "B")]) == "b"
    painted = "? " + fit(message, 0)
    lines = painted.count("\n")
    assert lines >= 1
    assert screen.getvalue() == painted + f"\r\x1b[{lines}A\x1b[J"


def test_write_and_confirm_go_through_the_real_asker() -> None:
    real = ScriptedAsker(writes=["a note"], confirms=[False])
    asker = FirstPaintAsker(lambda live: real, out=io.StringIO())
    assert asker.write("Anything to note?") == "a note"
    assert asker.confirm("Sure?") is False


class GoesLive(ScriptedAsker):
    """Calls `live` the way the questionary asker does once its prompt is drawn."""

    live: object = None

    def ask(self, question: Question, context: AskContext) -> object:
        assert callable(self.live)
        self.live()
        return super().ask(question, context)


def test_ctrl_c_before_the_prompt_is_live_is_delivered_inside_it() -> None:
    started: list[str] = []
    real = GoesLive({"body": "x"})

    def make(live) -> ScriptedAsker:
        real.live = live
        signal.raise_signal(signal.SIGINT)  # Ctrl-C while questionary loads... held back
        return real

    asker = FirstPaintAsker(make, out=io.StringIO(), on_live=lambda: started.append("load"))
    with pytest.raises(KeyboardInterrupt):
        asker.ask(Question("body", "text", "Body?"), CTX)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_once_live_is_delivered_as_usual_and_on_live_runs_once() -> None:
    started: list[str] = []
    real = GoesLive({"body": "x", "note": "y"})

    def make(live) -> ScriptedAsker:
        real.live = live
        return real

    asker = FirstPaintAsker(make, out=io.StringIO(), on_live=lambda: started.append("load"))
    assert asker.ask(Question("body", "text", "Body?"), CTX) == "x"
    assert asker.ask(Question("note", "text", "Note?"), CTX) == "y"
    assert started == ["load"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
