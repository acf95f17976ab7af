"""Interruptions keep a draft (exit 130); the next reflection offers to resume or discard it."""

from __future__ import annotations

import os
import signal

import pytest

from attachjournal.asking import ScriptedAsker
from attachjournal.commands import common
from attachjournal.prompts import Question
from flowkit import drafts, stored_entries

TEMPLATE = "anxious-unanswered-message"
FIRST_HALF = {"person": "Sam", "trigger": "unanswered message", "body": "tight chest", "anxiety": 8}
SECOND_HALF = {"belief": "I am too much", "secure_action": "one calm message"}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):
    """Pretend to be on a terminal and hand each run the next scripted asker."""
    askers: list[ScriptedAsker] = []
    monkeypatch.setattr(common, "is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.make_asker", lambda loader: askers.pop(0))
    return askers


def interrupt_halfway(run, terminal, **asker_options) -> None:
    terminal.append(ScriptedAsker(FIRST_HALF, interrupt_at="belief", **asker_options))
    result = run("reflect", "--template", TEMPLATE)
    assert result.exit_code == 130
    assert result.stderr.startswith("Error: interrupted; your answers so far were kept as a draft")
    assert "Traceback" not in result.stderr


def test_ctrl_c_halfway_keeps_the_answers_as_a_draft_not_an_entry(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    assert stored_entries() == []
    [draft] = drafts()
    assert (draft["template"], draft["style"], draft["person"]) == (TEMPLATE, "anxious", "Sam")
    answers = dict(draft["answers"])
    skipped = answers.pop("_skipped")
    assert answers == FIRST_HALF
    assert skipped == ["situation", "emotions", "avoidance", "urges", "expectation"]


def test_end_of_input_keeps_a_draft_too(run, terminal) -> None:
    interrupt_halfway(run, terminal, interrupt_with=EOFError)
    assert len(drafts()) == 1


def test_a_closed_terminal_keeps_a_draft(run, terminal) -> None:
    def hang_up(question: Question) -> None:
        if question.key == "belief":
            os.kill(os.getpid(), signal.SIGHUP)

    terminal.append(ScriptedAsker(FIRST_HALF, on_ask=hang_up))
    result = run("reflect", "--template", TEMPLATE)
    assert result.exit_code == 130
    assert "kept as a draft" in result.stderr
    assert len(drafts()) == 1 and stored_entries() == []
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL  # handler restored


def test_interrupted_before_any_answer_keeps_nothing(run, terminal) -> None:
    terminal.append(ScriptedAsker(interrupt_at="person"))
    result = run("reflect", "--template", TEMPLATE)
    assert result.exit_code == 130
    assert result.stderr.startswith("Error: interrupted; nothing was saved")
    assert drafts() == []


def test_resume_asks_only_what_is_left_and_saves_one_entry(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    resumed = ScriptedAsker(SECOND_HALF, choices=["resume"])
    terminal.append(resumed)
    result = run("reflect")
    assert result.exit_code == 0, result.stderr
    assert "Sam" not in resumed.asked
    assert resumed.asked == [
        "belief",
        "balanced_thought",
        "secure_action",
        "followup_day",
    ]
    assert "unfinished reflection" in resumed.offered[0][0]
    [entry] = stored_entries()
    assert (entry.person, entry.anxiety, entry.style) == ("Sam", 8, "anxious")
    assert entry.answers == {"body": "tight chest", "belief": "I am too much"}
    assert entry.followups[0].action == "one calm message"
    assert drafts() == []


def test_interrupted_again_while_resuming_updates_the_same_draft(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    [before] = drafts()
    terminal.append(ScriptedAsker(SECOND_HALF, choices=["resume"], interrupt_at="secure_action"))
    result = run("reflect")
    assert result.exit_code == 130
    [after] = drafts()
    assert after["id"] == before["id"]
    assert after["answers"]["belief"] == "I am too much"
    assert "balanced_thought" in after["answers"]["_skipped"]


def test_discard_removes_the_draft_and_starts_fresh(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    fresh = ScriptedAsker({"anxiety": 3, "avoidance": 1}, choices=["discard"])
    terminal.append(fresh)
    result = run("reflect", "--template", "checkin")
    assert result.exit_code == 0, result.stderr
    assert drafts() == []
    [entry] = stored_entries()
    assert entry.template == "checkin" and entry.person is None


def test_keep_leaves_the_draft_for_later(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    terminal.append(ScriptedAsker({"anxiety": 3, "avoidance": 1}, choices=["keep"]))
    assert run("reflect", "--template", "checkin").exit_code == 0
    assert len(drafts()) == 1 and len(stored_entries()) == 1


def test_today_offers_the_draft_too(run, terminal) -> None:
    interrupt_halfway(run, terminal)
    terminal.append(ScriptedAsker(SECOND_HALF, choices=["resume"]))
    result = run("today")
    assert result.exit_code == 0, result.stderr
    assert drafts() == [] and stored_entries()[0].person == "Sam"


def test_the_bare_command_on_a_terminal_runs_today(run, terminal, db_path) -> None:
    asker = ScriptedAsker({"anxiety": 1, "avoidance": 1}, choices=["checkin"])
    terminal.append(asker)
    result = run("--db", str(db_path))  # no command: only a root option
    assert result.exit_code == 0, result.stderr
    assert any(line.strip().startswith("Today's suggestion:") for line in asker.said)
    assert any(line.startswith("Why: ") for line in "\n".join(asker.said).splitlines())
    assert stored_entries()[0].kind == "checkin"


@pytest.mark.parametrize("command", [["reflect"], ["today"], ["checkin"]])
def test_no_terminal_is_exit_1_pointing_to_write(run, command) -> None:
    result = run(*command, input="")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "attachjournal write" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_template_or_style_is_exit_2_even_without_a_terminal(run) -> None:
    template = run("reflect", "--template", "anxious-unanswred-message")
    assert template.exit_code == 2
    assert "did you mean anxious-unanswered-message" in template.stderr
    style = run("reflect", "--style", "sideways")
    assert style.exit_code == 2 and style.stderr.startswith("Error:")


def test_saving_is_shielded_from_a_second_ctrl_c() -> None:
    from attachjournal.reflect import shielded

    with shielded():
        os.kill(os.getpid(), signal.SIGINT)  # ignored while the save runs
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_broken_template_of_your_own_is_skipped_with_a_warning(
    run, terminal, journal_home
) -> None:
    (journal_home / "prompts").mkdir(parents=True)
    (journal_home / "prompts" / "mine.toml").write_text('id = "mine"\n', encoding="utf-8")
    terminal.append(ScriptedAsker({"anxiety": 2, "avoidance": 3}))
    result = run("checkin")
    assert result.exit_code == 0, result.stderr
    assert "Warning: skipped 1 template file(s)" in result.stderr
    assert stored_entries()[0].kind == "checkin"


def test_a_draft_whose_template_is_gone_can_only_be_discarded_or_kept(
    run, terminal, journal_home
) -> None:
    (journal_home / "prompts").mkdir(parents=True)
    mine = journal_home / "prompts" / "mine.toml"
    mine.write_text(
        'id = "mine"\ntitle = "Mine"\nstyles = ["any"]\nkind = "reflection"\nintro = "Hi."\n'
        '[[questions]]\nkey = "body"\ntype = "text"\nask = "Body?"\n'
        '[[questions]]\nkey = "note"\ntype = "text"\nask = "Note?"\n',
        encoding="utf-8",
    )
    terminal.append(ScriptedAsker({"body": "tight"}, interrupt_at="note"))
    assert run("reflect", "--template", "mine").exit_code == 130
    mine.unlink()
    asker = ScriptedAsker({"anxiety": 1, "avoidance": 1}, choices=["discard"])
    terminal.append(asker)
    assert run("reflect", "--template", "checkin").exit_code == 0
    assert asker.offered[0][1] == ["discard", "keep"]
    assert drafts() == []
