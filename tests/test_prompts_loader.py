"""The template loader: built-ins load, user files override, problems name file and key."""

from __future__ import annotations

from pathlib import Path

from attachjournal.prompts import builtin_dir, check_files, load_library

GOOD = """
id = "{id}"
title = "Mine"
styles = ["secure"]
kind = "needs"
intro = "Hello."

[[questions]]
key = "need"
type = "text"
ask = "What do you need?"
"""


def test_builtins_load_without_problems() -> None:
    library = load_library()
    assert library.problems == []
    assert "anxious-unanswered-message" in library.templates
    assert check_files([builtin_dir()]) == []


def test_user_template_overrides_a_builtin_and_broken_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(GOOD.format(id="anxious-unanswered-message"))
    (tmp_path / "broken.toml").write_text("id = [unclosed")
    library = load_library(user_dir=tmp_path)
    assert library.templates["anxious-unanswered-message"].source == str(tmp_path / "mine.toml")
    assert "checkin" in library.templates
    assert [p.key for p in library.problems] == ["toml"]


def test_every_problem_is_reported_with_file_id_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        GOOD.format(id="x")
        .replace('kind = "needs"', 'kind = "mystery"\ncolour = "blue"')
        .replace('type = "text"', 'type = "text"\nwhen = "later"')
    )
    problems = check_files([bad])
    rendered = [str(p) for p in problems]
    assert any("[x]: kind: unknown kind 'mystery'" in line for line in rendered)
    assert any("[x]: colour: unknown key" in line for line in rendered)
    assert any(
        "[x]: questions[0].when.key: 'later' is not asked earlier" in line for line in rendered
    )
    assert all(line.startswith(str(bad)) for line in rendered)
