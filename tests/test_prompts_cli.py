"""`prompts list/show/check` through the CLI, with the person's own prompts folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attachjournal.prompts import builtin_dir

BUILTIN_IDS = sorted(p.stem for p in builtin_dir().glob("*.toml"))

MINE = """
id = "{id}"
title = "My own"
styles = ["anxious"]
kind = "needs"
intro = "Mine."

[[questions]]
key = "need"
type = "text"
ask = "What do you need?"
"""


@pytest.fixture
def prompts_dir(journal_home: Path) -> Path:
    folder = journal_home / "prompts"
    folder.mkdir(parents=True)
    return folder


def listed(run, *options: str) -> list[dict[str, object]]:
    result = run("prompts", "list", "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_json_has_the_contract_keys(run) -> None:
    templates = listed(run)
    assert sorted(t["id"] for t in templates) == BUILTIN_IDS
    for template in templates:
        assert {"id", "title", "styles", "kind", "source"} <= set(template)
        assert template["source"] == "builtin"
        assert isinstance(template["styles"], list) and template["styles"]
    checkin = next(t for t in templates if t["id"] == "checkin")
    assert checkin["styles"] == ["any"]


@pytest.mark.parametrize("style", ["fearful", "disorganized", "Fearful-Avoidant"])
def test_style_filter_keeps_that_style_and_the_general_ones(run, style: str) -> None:
    templates = listed(run, "--style", style)
    styles = [t["styles"] for t in templates]
    assert all("fearful" in s or s == ["any"] for s in styles)
    assert sum(s == ["fearful"] for s in styles) >= 4
    assert ["anxious"] not in styles
    assert templates[0]["styles"] == ["fearful"]  # the style's own come first


def test_unknown_style_is_a_usage_error(run) -> None:
    result = run("prompts", "list", "--style", "sideways")
    assert result.exit_code == 2
    assert "unknown style 'sideways'" in result.stderr


def test_list_table_shows_ids_titles_and_sources(run) -> None:
    result = run("prompts", "list")
    assert result.exit_code == 0
    for template_id in BUILTIN_IDS:
        assert template_id in result.stdout
    assert "A message left unanswered" in result.stdout
    assert "built-in" in result.stdout


def test_user_template_overrides_a_builtin_and_shows_its_path(run, prompts_dir: Path) -> None:
    mine = prompts_dir / "mine.toml"
    mine.write_text(MINE.format(id="anxious-unanswered-message"))
    (prompts_dir / "extra.toml").write_text(MINE.format(id="my-extra"))
    templates = {t["id"]: t for t in listed(run)}
    assert templates["anxious-unanswered-message"]["source"] == str(mine)
    assert templates["anxious-unanswered-message"]["title"] == "My own"
    assert templates["my-extra"]["source"] == str(prompts_dir / "extra.toml")
    assert len(templates) == len(BUILTIN_IDS) + 1
    shown = run("prompts", "show", "anxious-unanswered-message")
    assert shown.exit_code == 0 and str(mine) in shown.stdout.replace("\n", "")
    table = run("prompts", "list")
    assert "mine.toml" in table.stdout


def test_broken_user_file_is_reported_once_and_builtins_still_work(run, prompts_dir) -> None:
    (prompts_dir / "broken.toml").write_text("id = [unclosed")
    (prompts_dir / "wrong.toml").write_text(MINE.format(id="x").replace("needs", "mystery"))
    result = run("prompts", "list", "--json")
    assert result.exit_code == 0
    assert sorted(t["id"] for t in json.loads(result.stdout)) == BUILTIN_IDS
    assert result.stderr.count("Warning:") == 1
    assert "broken.toml" in result.stderr and "wrong.toml" in result.stderr
    assert "prompts check" in result.stderr
    shown = run("prompts", "show", "checkin")
    assert shown.exit_code == 0 and "60-second check-in" in shown.stdout


def test_show_prints_intro_and_every_question_with_type_and_condition(run) -> None:
    result = run("prompts", "show", "secure-stating-a-need")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Stating a need (secure-stating-a-need)" in out
    assert "Saying plainly what you need" in out
    assert "scale 0–10 (calm … overwhelming) · saved as anxiety" in out
    assert "· only if said_it is yes · saved as response" in out
    assert "day · only if secure_action is answered · saved as followup_day" in out
    assert out.count("saved as") == 15


def test_show_unknown_id_is_a_usage_error_naming_close_matches(run) -> None:
    result = run("prompts", "show", "secure-stating-need")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no template called 'secure-stating-need'")
    assert "Did you mean: secure-stating-a-need" in result.stderr


def test_check_passes_on_the_builtins(run) -> None:
    result = run("prompts", "check")
    assert result.exit_code == 0
    assert f"OK: {len(BUILTIN_IDS)} template file(s) checked" in result.stdout


def test_check_includes_the_user_folder_and_allows_overrides(run, prompts_dir: Path) -> None:
    (prompts_dir / "mine.toml").write_text(MINE.format(id="checkin"))
    result = run("prompts", "check")
    assert result.exit_code == 0, result.stdout
    assert f"{len(BUILTIN_IDS) + 1} template file(s)" in result.stdout
    (prompts_dir / "broken.toml").write_text("nope = ")
    failed = run("prompts", "check")
    assert failed.exit_code == 1
    assert f"{prompts_dir / 'broken.toml'}: toml: not valid TOML" in failed.stdout


def test_check_reports_every_problem_with_file_id_and_key(run, tmp_path: Path) -> None:
    first = tmp_path / "first.toml"
    first.write_text(
        MINE.format(id="first").replace('kind = "needs"', 'kind = "mystery"\ncolour = "red"')
    )
    second = tmp_path / "second.toml"
    second.write_text(MINE.format(id="second").replace('type = "text"', 'type = "essay"'))
    missing = tmp_path / "missing.toml"
    result = run("prompts", "check", str(first), str(second), str(missing))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{first} [first]: colour: unknown key; allowed: " in "\n".join(lines)
    assert any(line.startswith(f"{first} [first]: kind: unknown kind 'mystery'") for line in lines)
    assert any(
        line.startswith(f"{second} [second]: questions[0].type: unknown type") for line in lines
    )
    assert f"{missing}: file: no such file" in lines
    assert len(lines) == 4
    assert result.stderr.startswith("Error: 4 problem(s) in 3 of 3 template file(s)")


def test_check_a_folder_and_duplicate_ids(run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MINE.format(id="same"))
    (tmp_path / "b.toml").write_text(MINE.format(id="same"))
    result = run("prompts", "check", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'b.toml'} [same]: id: also used by {tmp_path / 'a.toml'}" in result.stdout


def test_check_a_good_file(run, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(MINE.format(id="good"))
    result = run("prompts", "check", str(good))
    assert result.exit_code == 0
    assert "OK: 1 template file(s) checked" in result.stdout


def test_show_lists_the_choices_of_a_choice_question(run) -> None:
    out = " ".join(run("prompts", "show", "thought-record").stdout.split())
    assert "multi-choice: mind reading / fortune telling / personalising" in out
    assert "scale 0–10 (not at all … completely) · saved as belief_strength" in out
