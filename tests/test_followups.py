"""Planned secure actions: `followups`, `followup ID --done/--not-done`, and `today` asking."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from attachjournal.asking import ScriptedAsker
from attachjournal.commands import common
from attachjournal.records import FollowUp, NewEntry
from flowkit import add, guide, stored_entries

TODAY = date.today()


def plan(action: str, due: date | None, status: str = "open") -> int:
    """An entry with one planned action; returns the follow-up's id."""
    add(
        NewEntry(
            kind="reflection",
            text="",
            created_at=datetime.now().astimezone() - timedelta(days=3),
            followups=(FollowUp(None, action, due, status),),
        )
    )
    [item] = [f for e in stored_entries() for f in e.followups if f.action == action]
    assert item.id is not None
    return item.id


def followups_json(run, *args: str) -> list[dict]:
    result = run("followups", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_lists_only_open_actions_that_are_due(run) -> None:
    overdue = plan("ask for a hug", TODAY - timedelta(days=1))
    due = plan("say it calmly", TODAY)
    plan("call Mum", TODAY + timedelta(days=2))
    plan("already done", TODAY - timedelta(days=1), status="done")
    plan("someday", None)
    listed = followups_json(run)
    assert [item["id"] for item in listed] == [overdue, due]
    assert listed[0]["action"] == "ask for a hug" and listed[0]["entry_id"] == 1
    text = run("followups")
    assert text.exit_code == 0
    assert "say it calmly" in text.stdout and "call Mum" not in text.stdout
    assert "2 more planned for later" in text.stdout


def test_all_lists_every_open_action_dated_first(run) -> None:
    plan("later", TODAY + timedelta(days=2))
    plan("undated", None)
    plan("now", TODAY)
    assert [item["action"] for item in followups_json(run, "--all")] == ["now", "later", "undated"]


def test_nothing_due_is_a_friendly_line(run) -> None:
    result = run("followups")
    assert result.exit_code == 0 and "Nothing is due" in result.stdout


def test_done_with_a_note_is_recorded(run) -> None:
    fid = plan("say it calmly", TODAY)
    result = run("followup", str(fid), "--done", "--note", "Said it calmly; she listened.")
    assert result.exit_code == 0, result.stderr
    assert "done" in result.stdout and "say it calmly" in result.stdout
    [item] = stored_entries()[0].followups
    assert (item.status, item.note) == ("done", "Said it calmly; she listened.")
    assert item.resolved_at is not None
    assert followups_json(run) == []


def test_not_done_is_recorded_and_can_be_changed(run) -> None:
    fid = plan("ask for ten minutes", TODAY)
    assert run("followup", str(fid), "--not-done").exit_code == 0
    assert stored_entries()[0].followups[0].status == "not_done"
    again = run("followup", str(fid), "--done")
    assert again.exit_code == 0 and "(updated)" in again.stdout
    assert stored_entries()[0].followups[0].status == "done"


def test_outcome_flag_is_required(run) -> None:
    fid = plan("x", TODAY)
    result = run("followup", str(fid))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and "--done" in result.stderr
    assert stored_entries()[0].followups[0].status == "open"


def test_unknown_follow_up_is_exit_1(run) -> None:
    plan("x", TODAY)
    result = run("followup", "99", "--done")
    assert result.exit_code == 1
    assert "Error: no follow-up with id 99" in result.stderr


def test_today_asks_about_due_actions_first_and_records_them() -> None:
    done = plan("say it calmly", TODAY)
    later = plan("ask for a hug", TODAY)
    plan("not yet", TODAY + timedelta(days=1))
    asker = ScriptedAsker(
        {"anxiety": 2, "avoidance": 2},
        choices=["done", "later", "checkin"],
        writes=["It went well."],
    )
    now = datetime.now().astimezone()
    guide(asker, now=now).today()
    questions = [message for message, _ in asker.offered]
    assert "say it calmly" in questions[0] and "ask for a hug" in questions[1]
    assert not any("not yet" in q for q in questions)
    items = {f.id: f for e in stored_entries() for f in e.followups}
    assert (items[done].status, items[done].note) == ("done", "It went well.")
    assert items[later].status == "open"
    assert any(e.kind == "checkin" for e in stored_entries())


def test_interrupted_after_answering_follow_ups_says_they_were_kept(
    monkeypatch: pytest.MonkeyPatch, run
) -> None:
    fid = plan("say it calmly", TODAY)

    class StopAtSuggestion(ScriptedAsker):
        def choose(self, message, options):
            if message.startswith("What would you like"):
                raise KeyboardInterrupt
            return super().choose(message, options)

    asker = StopAtSuggestion(choices=["not_done"])
    monkeypatch.setattr(common, "is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.is_interactive", lambda: True)
    monkeypatch.setattr("attachjournal.commands.reflect.make_asker", lambda loader: asker)
    result = run("today")
    assert result.exit_code == 130
    assert result.stderr.startswith("Error: interrupted; nothing more was saved")
    [item] = [f for e in stored_entries() for f in e.followups if f.id == fid]
    assert item.status == "not_done"
