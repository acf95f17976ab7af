"""The first question is painted before questionary loads, then handed over cleanly."""

from __future__ import annotations

import io
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

    def make() -> ScriptedAsker:
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
    asker = FirstPaintAsker(lambda: ScriptedAsker(choices=["b"]), out=screen)
    message = "a question long enough to need two or three lines on a narrow terminal"
    assert asker.choose(message, [("a", "A"), ("b", "B")]) == "b"
    painted = "? " + fit(message, 0)
    lines = painted.count("\n")
    assert lines >= 1
    assert screen.getvalue() == painted + f"\r\x1b[{lines}A\x1b[J"


def test_write_and_confirm_go_through_the_real_asker() -> None:
    real = ScriptedAsker(writes=["a note"], confirms=[False])
    asker = FirstPaintAsker(lambda: real, out=io.StringIO())
    assert asker.write("Anything to note?") == "a note"
    assert asker.confirm("Sure?") is False
