"""Template validation beyond the basics: each rule names its file, id and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from attachjournal.prompts import Condition, Question, check_files, load_library

HEAD = """
id = "t"
title = "T"
styles = ["any"]
kind = "reflection"
intro = "Hi."
"""


def problems_in(tmp_path: Path, questions: str) -> list[str]:
    path = tmp_path / "t.toml"
    path.write_text(HEAD + questions, encoding="utf-8")
    return [str(p).removeprefix(f"{path} [t]: ") for p in check_files([path])]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (
            '[[questions]]\nkey = "note"\ntype = "text"\nask = "?"\nchoices = ["a"]\n',
            "questions[0].choices: a text question has no choices; remove them",
        ),
        (
            '[[questions]]\nkey = "note"\ntype = "text"\nask = "?"\nlow = "none"\n',
            "questions[0].low: only a scale question has low; remove it",
        ),
        (
            '[[questions]]\nkey = "followup_day"\ntype = "day"\nask = "?"\n',
            "questions[0].key: followup_day checks back on a step: ask secure_action first",
        ),
        (
            '[[questions]]\nkey = "note"\ntype = "text"\nask = "?"\n'
            '[[questions]]\nkey = "more"\ntype = "text"\nask = "?"\n'
            'when = { key = "note", at_least = 3 }\n',
            "questions[1].when.at_least: 'note' is a text question; at_least needs a scale",
        ),
        (
            '[[questions]]\nkey = "note"\ntype = "text"\nask = "?"\n'
            '[[questions]]\nkey = "more"\ntype = "text"\nask = "?"\n'
            'when = { key = "note", equals = true }\n',
            "questions[1].when.equals: 'note' is a text question; true/false needs yes-no",
        ),
        (
            '[[questions]]\nkey = "anxiety"\ntype = "scale"\nask = "?"\n'
            '[[questions]]\nkey = "more"\ntype = "text"\nask = "?"\n'
            'when = { key = "anxiety", at_least = 3, equals = "x" }\n',
            "questions[1].when: use only one of equals, one_of, at_least (found equals, at_least)",
        ),
        (
            '[[questions]]\nkey = "anxiety"\ntype = "text"\nask = "?"\n',
            "questions[0].type: 'anxiety' must be of type scale",
        ),
        (
            '[[questions]]\nkey = "Bad Key"\ntype = "text"\nask = "?"\n',
            "questions[0].key: use lower-case letters, digits and underscores",
        ),
        (
            '[[questions]]\nkey = "note"\ntype = "text"\nask = "?"\noptional = "yes"\n',
            "questions[0].optional: must be true or false",
        ),
    ],
)
def test_rule(tmp_path: Path, questions: str, expected: str) -> None:
    assert expected in problems_in(tmp_path, questions)


def test_the_same_rules_accept_a_well_formed_template(tmp_path: Path) -> None:
    questions = """
[[questions]]
key = "anxiety"
type = "scale"
ask = "How strong?"
low = "none"
high = "a lot"

[[questions]]
key = "said_it"
type = "yes-no"
ask = "Said it?"

[[questions]]
key = "feelings"
type = "emotions"
ask = "Feelings?"
choices = ["hurt", "calm"]
when = { key = "anxiety", at_least = 5 }

[[questions]]
key = "response"
type = "text"
ask = "How did they respond?"
when = { key = "said_it", equals = true }

[[questions]]
key = "secure_action"
type = "text"
ask = "A step?"

[[questions]]
key = "followup_day"
type = "day"
ask = "When?"
when = "secure_action"
"""
    assert problems_in(tmp_path, questions) == []


def test_a_second_user_file_with_the_same_id_is_reported_and_skipped(tmp_path: Path) -> None:
    good = HEAD + '[[questions]]\nkey = "note"\ntype = "text"\nask = "{ask}"\n'
    (tmp_path / "a.toml").write_text(good.format(ask="first"))
    (tmp_path / "b.toml").write_text(good.format(ask="second"))
    library = load_library(user_dir=tmp_path)
    assert library.templates["t"].questions[0].ask == "first"
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'b.toml'} [t]: id: also used by {tmp_path / 'a.toml'}; skipped"
    ]


def test_close_matches_suggest_ids() -> None:
    library = load_library()
    assert library.close_matches("secure-stating-need")[0] == "secure-stating-a-need"
    assert "thought-record" in library.close_matches("thought")
    assert library.close_matches("zzzzzz") == []


@pytest.mark.parametrize(
    ("condition", "yes", "no", "words"),
    [
        (Condition("said_it", equals=True), {"said_it": True}, {"said_it": False}, "is yes"),
        (Condition("said_it", equals=False), {"said_it": False}, {}, "is no"),
        (Condition("mood", equals="bad"), {"mood": "bad"}, {"mood": "ok"}, "is 'bad'"),
        (
            Condition("urges", one_of=("go quiet",)),
            {"urges": ["go quiet"]},
            {"urges": []},
            "one of",
        ),
        (Condition("anxiety", at_least=6), {"anxiety": 6}, {"anxiety": 5}, "at least 6"),
        (Condition("secure_action"), {"secure_action": "call"}, {"secure_action": ""}, "answered"),
    ],
)
def test_conditions_hold_and_read_plainly(
    condition: Condition, yes: dict[str, object], no: dict[str, object], words: str
) -> None:
    assert condition.holds(yes) and not condition.holds(no)
    assert condition.describe().startswith(f"only if {condition.key} ")
    assert words in condition.describe()
    question = Question("q", "text", "?", when=condition)
    assert question.applies(yes) and not question.applies(no)


README = Path(__file__).resolve().parent.parent / "prompts" / "README.md"


def test_the_documented_example_is_a_valid_template(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    assert check_files([path]) == []


def test_the_format_documentation_names_every_type_kind_and_key() -> None:
    from attachjournal.prompts import (
        KINDS,
        QUESTION_KEYS,
        QUESTION_TYPES,
        TEMPLATE_KEYS,
        WELL_KNOWN_KEYS,
    )

    text = README.read_text(encoding="utf-8")
    for name in (*QUESTION_TYPES, *KINDS, *WELL_KNOWN_KEYS, *TEMPLATE_KEYS, *QUESTION_KEYS):
        assert f"`{name}`" in text, name
    for test in ("equals", "one_of", "at_least"):
        assert test in text
