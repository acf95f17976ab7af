"""write / list / show / edit / delete / info through the CLI (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attachjournal.commands import common

ENTRY_KEYS = {
    "id",
    "uuid",
    "created_at",
    "kind",
    "style",
    "template",
    "person",
    "tags",
    "anxiety",
    "avoidance",
    "text",
    "answers",
}


def entries(run, *args: str) -> list[dict]:
    result = run("list", "--json", "-n", "0", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_write_from_stdin_prints_the_id_and_stores_every_field(run) -> None:
    result = run(
        "write",
        "--style",
        "anxious",
        "--person",
        "Sam",
        "--anxiety",
        "7",
        "--avoidance",
        "2",
        "--tag",
        "no-reply",
        "--tag",
        "#evening",
        input="No reply for hours; I kept checking.\n",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "1"
    [entry] = entries(run)
    assert entry.keys() >= ENTRY_KEYS
    assert entry["kind"] == "note"
    assert entry["style"] == "anxious"
    assert entry["person"] == "Sam"
    assert entry["tags"] == ["evening", "no-reply"]
    assert (entry["anxiety"], entry["avoidance"]) == (7, 2)
    assert entry["text"] == "No reply for hours; I kept checking."
    assert entry["created_at"].endswith("+00:00")
    assert len(entry["uuid"]) == 36


def test_text_argument_and_style_aliases(run) -> None:
    assert (
        run("write", "Pulled back after the weekend.", "--style", "dismissive-avoidant").exit_code
        == 0
    )
    assert run("write", "Both at once.", "--style", "Disorganized").exit_code == 0
    assert [e["style"] for e in entries(run)] == ["fearful", "avoidant"]


def test_write_at_sets_the_time(run) -> None:
    run("write", "late talk", "--at", "2026-11-03 21:30")
    [entry] = entries(run)
    assert entry["created_at"] == "2026-11-03T21:30:00+00:00"


def test_write_opens_the_editor_on_a_terminal(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    editor = tmp_path / "fake-editor"
    seen = tmp_path / "seen-path"
    editor.write_text(f'#!/bin/sh\necho "$1" > {seen}\nprintf "Written in the editor." > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr("attachjournal.commands.entries.stdin_is_terminal", lambda: True)
    result = run("write", "--style", "secure")
    assert result.exit_code == 0, result.stderr
    assert entries(run)[0]["text"] == "Written in the editor."
    temp_file = Path(seen.read_text().strip())
    assert not temp_file.exists() and not temp_file.parent.exists()


def test_empty_entry_is_refused_and_nothing_is_saved(run, db_path: Path) -> None:
    result = run("write", input="   \n\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the entry is empty")
    assert not db_path.exists()


def test_list_filters_combine(run) -> None:
    run(
        "write",
        "one",
        "--style",
        "anxious",
        "--person",
        "Sam",
        "--tag",
        "no-reply",
        "--at",
        "2026-11-02 10:00",
    )
    run("write", "two", "--style", "avoidant", "--person", "sam", "--at", "2026-11-03 10:00")
    run(
        "write",
        "three about the REPLY",
        "--style",
        "anxious",
        "--person",
        "Ana",
        "--at",
        "2026-11-10 10:00",
    )
    assert [e["text"] for e in entries(run, "--person", "SAM")] == ["two", "one"]
    assert [e["text"] for e in entries(run, "--style", "anxious", "--person", "Sam")] == ["one"]
    assert [e["text"] for e in entries(run, "--tag", "no-reply")] == ["one"]
    assert [e["text"] for e in entries(run, "--since", "2026-11-03")] == [
        "three about the REPLY",
        "two",
    ]
    assert [e["text"] for e in entries(run, "--until", "2026-11-03")] == ["two", "one"]
    assert [e["text"] for e in entries(run, "--on", "2026-11-03")] == ["two"]
    assert [e["text"] for e in entries(run, "--search", "reply")] == ["three about the REPLY"]
    assert [e["text"] for e in entries(run, "--since", "2026-W45", "--until", "2026-W45")] == [
        "two",
        "one",
    ]


def test_list_limit_and_table(run) -> None:
    for n in range(5):
        run("write", f"entry {n}", "--at", f"2026-11-0{n + 1} 09:00")
    result = run("list", "-n", "2")
    assert result.exit_code == 0
    assert (
        "entry 4" in result.stdout and "entry 3" in result.stdout and "entry 2" not in result.stdout
    )
    assert "newest 2 of 5" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_list_with_nothing_matching_is_friendly(run) -> None:
    result = run("list")
    assert (result.exit_code, result.stdout.strip()) == (0, "No entries yet.")
    run("write", "x")
    result = run("list", "--person", "Nobody")
    assert (result.exit_code, result.stdout.strip()) == (0, "No entries match those filters.")
    assert json.loads(run("list", "--json", "--person", "Nobody").stdout) == []


def test_show_text_and_json(run) -> None:
    run("write", "Something true.", "--person", "Sam", "--tag", "calm")
    shown = run("show", "1")
    assert shown.exit_code == 0 and "Something true." in shown.stdout and "#calm" in shown.stdout
    data = json.loads(run("show", "1", "--json").stdout)
    assert data.keys() >= ENTRY_KEYS and data["person"] == "Sam"


def test_edit_fields_by_flag_and_text_from_stdin(run) -> None:
    run("write", "first draft", "--style", "anxious", "--tag", "a")
    assert (
        run(
            "edit", "1", "--style", "secure", "--person", "Ana", "--tag", "b", "--anxiety", "3"
        ).exit_code
        == 0
    )
    entry = entries(run)[0]
    assert (entry["style"], entry["person"], entry["tags"], entry["anxiety"], entry["text"]) == (
        "secure",
        "Ana",
        ["b"],
        3,
        "first draft",
    )
    assert run("edit", "1", input="second draft").exit_code == 0
    entry = entries(run)[0]
    assert entry["text"] == "second draft" and entry["updated_at"] >= entry["created_at"]


def test_delete_needs_yes_without_a_terminal(run) -> None:
    run("write", "to remove")
    result = run("delete", "1")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert len(entries(run)) == 1
    assert run("delete", "1", "--yes").exit_code == 0
    assert entries(run) == []
    assert run("show", "1").exit_code == 1


def test_delete_cascades_to_tags(run, db_path: Path) -> None:
    import sqlite3

    run("write", "tagged", "--tag", "x")
    run("delete", "1", "--yes")
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM entry_tags").fetchone()[0] == 0


def test_info_before_and_after_the_first_entry(run, db_path: Path) -> None:
    before = json.loads(run("info", "--json").stdout)
    assert before["entries"] == 0 and before["database"] == str(db_path)
    assert not db_path.exists()
    run("write", "x")
    after = json.loads(run("info", "--json").stdout)
    from attachjournal.migrations import LATEST_VERSION

    assert after["entries"] == 1 and after["schema_version"] == LATEST_VERSION
    assert "schema version" in run("info").stdout


def test_db_option_and_env_choose_the_file(run, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "j.db"
    assert run("--db", str(other), "write", "here").exit_code == 0
    assert other.exists()
    assert entries(run) == []
    assert len(json.loads(run("list", "--json", env={"ATTACHJOURNAL_DB": str(other)}).stdout)) == 1


def test_root_without_a_terminal_prints_help(run) -> None:
    result = run()
    assert result.exit_code == 0 and "Usage" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["write", "x", "--style", "sideways"], "anxious, avoidant, fearful, secure"),
        (["write", "x", "--anxiety", "11"], "--anxiety"),
        (["write", "x", "--avoidance", "-1"], "--avoidance"),
        (["write", "x", "--anxiety", "high"], "--anxiety"),
        (["write", "x", "--at", "the other day"], "'the other day'"),
        (["write", "x", "--at", "2026-02-30"], "'2026-02-30'"),
        (["list", "--since", "soon"], "'soon'"),
        (["list", "--since", "2026-11-10", "--until", "2026-11-01"], "after --until"),
        (["show", "abc"], "ID"),
        (["list", "--nope"], "--nope"),
    ],
)
def test_bad_input_is_a_usage_error_that_changes_nothing(run, db_path: Path, args, needle) -> None:
    run("write", "keep me")
    before = db_path.read_bytes()
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("Error: ")
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


def test_missing_ids_are_exit_1(run) -> None:
    for args in (["show", "9"], ["edit", "9", "--style", "secure"], ["delete", "9", "--yes"]):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.startswith("Error: no entry with id 9")


def test_invalid_utf8_on_stdin(run, db_path: Path) -> None:
    result = run("write", input=b"\xff\xfe not text")
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert not db_path.exists()


def test_huge_entry_is_refused(run, db_path: Path) -> None:
    result = run("write", input="x" * 10_000_000)
    assert result.exit_code == 2 and "MB" in result.stderr
    assert not db_path.exists()


def test_foreign_db_is_refused_untouched(run, tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    result = run("--db", str(other), "write", "x")
    assert result.exit_code == 1 and "not an attachjournal database" in result.stderr
    assert other.read_bytes() == before


def test_unexpected_errors_hide_details_unless_debugging(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args, **_kwargs):
        raise RuntimeError("secret entry text must not leak")

    monkeypatch.setattr("attachjournal.store.entries.add_entry", boom)
    result = run("write", "x")
    assert result.exit_code == 1
    assert "secret" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: unexpected RuntimeError")
    debug = run("write", "x", env={"ATTACHJOURNAL_DEBUG": "1"})
    assert "Traceback" in debug.stderr
