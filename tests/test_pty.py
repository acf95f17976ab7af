"""The installed `attachjournal` in a real pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

SCRIPT = Path(sys.executable).with_name("attachjournal")
TIMEOUT = 30
DOWN, ESC_ENTER = "\x1b[B", "\x1b\r"

pytestmark = pytest.mark.slow


@pytest.fixture
def pty_env(script_env: dict[str, str]) -> dict[str, str]:
    return {
        **script_env,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
        "TZ": "UTC",
    }


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    assert SCRIPT.exists(), f"install the project first: {SCRIPT} is missing"
    return pexpect.spawn(
        str(SCRIPT),
        list(args),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return child.exitstatus


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect(prompt)
    child.send(keys)


def script_json(env: dict[str, str], *args: str) -> object:
    done = subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_full_reflection_in_a_terminal_saves_an_entry(pty_env: dict[str, str]) -> None:
    child = spawn(pty_env, "reflect", "--template", "anxious-unanswered-message")
    answer(child, "Who were you waiting to hear from", "Sam\r")
    answer(child, "What set this off", DOWN + "\r")  # the first trigger, below (skip)
    answer(child, "What happened", "I wrote at noon." + ESC_ENTER)
    answer(child, "in your body", "tight chest\r")
    answer(child, "Which feelings", " \r")  # the first emotion
    answer(child, "How strong was", "6\r")
    answer(child, "worry about them", "8\r")
    answer(child, "shut down or step back", "2\r")
    answer(child, "Which urges", " \r")  # the first alarm-up urge
    answer(child, "Did you act on", "\r")  # no, let it pass
    answer(child, "expect the silence", "\r")
    answer(child, "say about you", "that I'm too much\r")
    answer(child, "What else could explain", ESC_ENTER)  # skipped
    answer(child, "secure step", "one calm message\r")
    answer(child, "When should I ask", "in 3 days\r")
    child.expect("Saved entry 1")
    assert finish(child) == 0
    entry = script_json(pty_env, "show", "1", "--json")
    assert isinstance(entry, dict)
    assert (entry["person"], entry["trigger"], entry["anxiety"], entry["avoidance"]) == (
        "Sam",
        "unanswered message",
        8,
        2,
    )
    assert entry["answers"] == {
        "situation": "I wrote at noon.",
        "body": "tight chest",
        "emotions": {"worried": 6},
        "belief": "that I'm too much",
    }
    assert entry["urges"] == [{"name": "check my phone again and again", "acted": False}]
    assert entry["followups"][0]["action"] == "one calm message"


def test_ctrl_c_halfway_keeps_a_draft_and_exits_130(
    pty_env: dict[str, str], journal_home: Path
) -> None:
    child = spawn(pty_env, "reflect", "--template", "anxious-unanswered-message")
    answer(child, "Who were you waiting to hear from", "Sam\r")
    answer(child, "What set this off", DOWN * 2 + "\r")
    child.expect("What happened")
    child.sendintr()
    child.expect("Error: interrupted; your answers so far were kept as a draft")
    assert finish(child) == 130
    conn = sqlite3.connect(journal_home / "journal.db")
    try:
        drafts = conn.execute("SELECT template, person, answers FROM drafts").fetchall()
        entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()
    assert entries == 0
    [(template, person, answers)] = drafts
    assert (template, person) == ("anxious-unanswered-message", "Sam")
    assert json.loads(answers) == {"person": "Sam", "trigger": "they seemed distant"}
    # The next reflection offers it back.
    again = spawn(pty_env, "reflect")
    again.expect("unfinished reflection")
    again.send("\r")  # resume
    again.expect("picking up where you left off")
    again.expect("What happened")
    again.sendintr()
    assert finish(again) == 130


def test_a_closed_terminal_keeps_a_draft(pty_env: dict[str, str], journal_home: Path) -> None:
    child = spawn(pty_env, "checkin")
    answer(child, "how much worry", "4\r")
    child.expect("pull to keep your distance")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus is None
    conn = sqlite3.connect(journal_home / "journal.db")
    try:
        [(answers,)] = conn.execute("SELECT answers FROM drafts").fetchall()
    finally:
        conn.close()
    assert json.loads(answers) == {"anxiety": 4}


def test_the_bare_command_runs_today(pty_env: dict[str, str]) -> None:
    child = spawn(pty_env)
    child.expect("Today's suggestion")
    child.expect("Why: Nothing written")
    answer(child, "What would you like to do", DOWN * 3 + "\r")  # the check-in
    answer(child, "how much worry", "3\r")
    answer(child, "pull to keep your distance", "5\r")
    answer(child, "someone in particular", "\r")
    answer(child, "One line about today", "Quiet day.\r")
    child.expect("Saved entry 1")
    assert finish(child) == 0
    [entry] = script_json(pty_env, "list", "--json")  # type: ignore[misc]
    assert (entry["kind"], entry["anxiety"], entry["text"]) == ("checkin", 3, "Quiet day.")


def test_first_question_appears_before_anything_heavy_is_imported(
    pty_env: dict[str, str],
) -> None:
    # -X importtime reports each import as it finishes, interleaved with the screen.
    child = spawn({**pty_env, "PYTHONPROFILEIMPORTTIME": "1"}, "checkin")
    child.expect("how much worry")
    for heavy in ("prompt_toolkit", "questionary", "sqlmodel", "sqlalchemy", "pydantic"):
        assert not re.search(rf"\|\s+{heavy}\s*$", child.before, re.MULTILINE), heavy
    child.expect(r"\|\s+questionary\r\n")  # then the real prompt loads...
    child.expect(r"0 = none, 10 = overwhelming")  # ...and takes over the same question
    child.expect(r"\|\s+sqlmodel\r\n")  # and the journal loads behind it
    child.sendintr()
    assert finish(child) == 130


def test_keys_typed_before_the_prompt_is_ready_are_kept(pty_env: dict[str, str]) -> None:
    child = spawn(pty_env, "checkin")
    child.delaybeforesend = 0
    child.send("4\r")  # before anything is on screen
    answer(child, "pull to keep your distance", "5\r")
    answer(child, "someone in particular", "\r")
    answer(child, "One line about today", "\r")
    child.expect("Saved entry 1")
    assert finish(child) == 0
    [entry] = script_json(pty_env, "list", "--json")  # type: ignore[misc]
    assert (entry["anxiety"], entry["avoidance"]) == (4, 5)


@pytest.mark.parametrize("command", ["reflect", "today", "checkin"])
def test_no_terminal_is_an_error_not_a_hang(script_env: dict[str, str], command: str) -> None:
    done = subprocess.run(
        [str(SCRIPT), command],
        env=script_env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error:") and "attachjournal write" in done.stderr
    assert "Traceback" not in done.stderr


def test_output_not_a_terminal_is_an_error(pty_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    shell = f"{SCRIPT} reflect > {out}; echo EXIT=$?"
    child = pexpect.spawn("/bin/sh", ["-c", shell], env=pty_env, encoding="utf-8", timeout=TIMEOUT)
    child.expect("Error:")
    child.expect(r"EXIT=(\d+)")
    assert child.match.group(1) == "1"
    child.expect(pexpect.EOF)
    assert os.path.getsize(out) == 0
