"""Prompt templates: the data model, loading and validation.

Templates are TOML files (one per file) in the package's `prompts/` folder and in the
person's own prompts folder, where a file with the same `id` overrides a built-in.
Validation is hand-written rather than pydantic so that `prompts` and the first question
of a reflection never pay pydantic's import time; it rejects unknown keys and wrong types
and reports every problem with its file, template id and key. A broken user file is
skipped with its problems reported; it never stops the built-ins from working.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from attachjournal.styles import STYLE_NAMES

KINDS: tuple[str, ...] = (
    "reflection",
    "thought-record",
    "checkin",
    "origins",
    "secure-moment",
    "needs",
    "boundary",
    "session-prep",
    "weekly-lookback",
)

QUESTION_TYPES: tuple[str, ...] = (
    "text",  # one line
    "long-text",  # several lines
    "choice",  # pick one of `choices`
    "multi-choice",  # pick any of `choices`
    "scale",  # whole number 0-10, with optional `low`/`high` labels
    "yes-no",
    "person",  # autocompleted from people already in the journal
    "trigger",  # pick from vocabulary.TRIGGERS or type one
    "emotions",  # pick from vocabulary.EMOTIONS (or `choices`), then an intensity 0-10 each
    "urges",  # pick from vocabulary.URGES (or `choices`), then "did you act on it?" each
    "day",  # a day, as a date or phrase ("in 3 days", "friday")
)

# Keys with a fixed meaning across templates (see DEVELOPERS.md); each needs its type.
WELL_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "trigger": ("trigger", "choice", "text"),
    "situation": ("long-text", "text"),
    "body": ("text", "long-text"),
    "emotions": ("emotions",),
    "anxiety": ("scale",),
    "avoidance": ("scale",),
    "urges": ("urges",),
    "expectation": ("text", "long-text"),
    "belief": ("text", "long-text"),
    "belief_strength": ("scale",),
    "belief_strength_after": ("scale",),
    "evidence_for": ("long-text", "text"),
    "evidence_against": ("long-text", "text"),
    "thinking_traps": ("multi-choice",),
    "balanced_thought": ("long-text", "text"),
    "need": ("text", "long-text"),
    "boundary": ("text", "long-text"),
    "response": ("text", "long-text"),
    "secure_action": ("text",),
    "followup_day": ("day",),
    "open_question": ("text", "long-text"),
    "note": ("long-text", "text"),
}

TEMPLATE_KEYS = {"id", "title", "styles", "kind", "summary", "intro", "situations", "questions"}
QUESTION_KEYS = {"key", "type", "ask", "help", "optional", "choices", "when", "low", "high"}
CONDITION_KEYS = {"key", "equals", "one_of", "at_least"}
FORWARD_KEYS = {"balanced_thought", "need", "boundary", "secure_action"}
ANY_STYLE = "any"
# Question types that offer a list to pick from (their own `choices` or the vocabulary's).
CHOICE_TYPES = ("choice", "multi-choice", "trigger", "emotions", "urges")


@dataclass(frozen=True)
class Condition:
    """Ask a question only when an earlier answer fits."""

    key: str
    equals: str | bool | None = None
    one_of: tuple[str, ...] = ()
    at_least: int | None = None

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.key)
        if self.equals is not None:
            return bool(value == self.equals)
        if self.one_of:
            chosen = value if isinstance(value, list | tuple | dict) else [value]
            return any(item in self.one_of for item in chosen)
        if self.at_least is not None:
            return isinstance(value, int) and value >= self.at_least
        return bool(value)

    def describe(self) -> str:
        """The condition in plain words, e.g. "only if secure_action is answered"."""
        if self.equals is True or self.equals is False:
            return f"only if {self.key} is {'yes' if self.equals else 'no'}"
        if self.equals is not None:
            return f"only if {self.key} is {self.equals!r}"
        if self.one_of:
            return f"only if {self.key} includes one of: {', '.join(self.one_of)}"
        if self.at_least is not None:
            return f"only if {self.key} is at least {self.at_least}"
        return f"only if {self.key} is answered"


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    ask: str
    help: str | None = None
    optional: bool = True
    choices: tuple[str, ...] = ()
    when: Condition | None = None
    low: str | None = None
    high: str | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    styles: tuple[str, ...]
    kind: str
    intro: str
    questions: tuple[Question, ...]
    summary: str = ""
    situations: tuple[str, ...] = ()
    source: str = "builtin"

    def fits(self, style: str | None) -> bool:
        """True when the template is for `style` (or for any style)."""
        return style is None or ANY_STYLE in self.styles or style in self.styles

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a template file."""

    file: str
    template_id: str | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.template_id:
            where += f" [{self.template_id}]"
        return f"{where}: {self.key}: {self.message}"


@dataclass
class Library:
    """All usable templates by id, and the problems found while loading."""

    templates: dict[str, Template] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, template_id: str) -> Template | None:
        return self.templates.get(template_id)

    def for_style(self, style: str | None) -> list[Template]:
        return [t for t in self.templates.values() if t.fits(style)]

    def for_situation(self, trigger: str, style: str | None = None) -> list[Template]:
        """Templates that name `trigger` (a `vocabulary.TRIGGERS` label) and fit `style`."""
        return [t for t in self.for_style(style) if trigger in t.situations]

    def close_matches(self, template_id: str, limit: int = 3) -> list[str]:
        """Ids that look like a mistyped `template_id`, best first (for "did you mean")."""
        import difflib  # only needed on a mistake; keeps the import off the fast path

        ids = sorted(self.templates)
        found = difflib.get_close_matches(template_id, ids, n=limit, cutoff=0.5)
        if not found:
            found = [i for i in ids if template_id and template_id in i][:limit]
        return found


def builtin_dir() -> Path:
    """The shipped templates: inside the installed package, or the source tree's prompts/."""
    packaged = Path(str(resources.files("attachjournal"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


class _Checker:
    """Collects problems for one file while reading its raw TOML data."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.template_id: str | None = None
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.template_id, key, message))

    def unknown(self, data: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in sorted(set(data) - allowed):
            self.fail(f"{prefix}{key}", f"unknown key; allowed: {', '.join(sorted(allowed))}")

    def text(
        self, data: Mapping[str, Any], key: str, prefix: str = "", required: bool = True
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(prefix + key, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(prefix + key, "must be non-empty text")
            return None
        return value.strip()

    def text_list(self, data: Mapping[str, Any], key: str, prefix: str = "") -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(prefix + key, "must be a list of non-empty texts")
            return ()
        return tuple(v.strip() for v in value)


def _condition(
    check: _Checker, raw: Any, prefix: str, earlier: Mapping[str, str]
) -> Condition | None:
    if isinstance(raw, str):
        raw = {"key": raw}
    if not isinstance(raw, dict):
        check.fail(prefix, "must be a key or a table with key and equals/one_of/at_least")
        return None
    check.unknown(raw, CONDITION_KEYS, prefix + ".")
    key = check.text(raw, "key", prefix + ".")
    if key is not None and key not in earlier:
        check.fail(prefix + ".key", f"{key!r} is not asked earlier in this template")
    equals = raw.get("equals")
    if equals is not None and not isinstance(equals, str | bool):
        check.fail(prefix + ".equals", "must be text or true/false")
    at_least = raw.get("at_least")
    if at_least is not None and (not isinstance(at_least, int) or isinstance(at_least, bool)):
        check.fail(prefix + ".at_least", "must be a whole number")
        at_least = None
    one_of = check.text_list(raw, "one_of", prefix + ".") if "one_of" in raw else ()
    tests = [name for name in ("equals", "one_of", "at_least") if name in raw]
    if len(tests) > 1:
        check.fail(prefix, f"use only one of equals, one_of, at_least (found {', '.join(tests)})")
    asked = earlier.get(key or "")
    if at_least is not None and asked is not None and asked != "scale":
        check.fail(prefix + ".at_least", f"{key!r} is a {asked} question; at_least needs a scale")
    if isinstance(equals, bool) and asked is not None and asked != "yes-no":
        check.fail(prefix + ".equals", f"{key!r} is a {asked} question; true/false needs yes-no")
    return Condition(key or "", equals, one_of, at_least)


def _question(check: _Checker, raw: Any, index: int, earlier: Mapping[str, str]) -> Question | None:
    prefix = f"questions[{index}]"
    if not isinstance(raw, dict):
        check.fail(prefix, "must be a table ([[questions]])")
        return None
    check.unknown(raw, QUESTION_KEYS, prefix + ".")
    key = check.text(raw, "key", prefix + ".")
    kind = check.text(raw, "type", prefix + ".")
    ask = check.text(raw, "ask", prefix + ".")
    if key is not None:
        if not key.replace("_", "").isalnum() or not key.islower():
            check.fail(prefix + ".key", "use lower-case letters, digits and underscores")
        if key in earlier:
            check.fail(prefix + ".key", f"{key!r} is asked twice")
    if kind is not None and kind not in QUESTION_TYPES:
        check.fail(
            prefix + ".type", f"unknown type {kind!r}; use one of: {', '.join(QUESTION_TYPES)}"
        )
        kind = None
    if key in WELL_KNOWN_KEYS and kind is not None and kind not in WELL_KNOWN_KEYS[key]:
        check.fail(prefix + ".type", f"{key!r} must be of type {' or '.join(WELL_KNOWN_KEYS[key])}")
    choices = check.text_list(raw, "choices", prefix + ".") if "choices" in raw else ()
    if kind in ("choice", "multi-choice") and not choices:
        check.fail(prefix + ".choices", f"a {kind} question needs choices")
    if "choices" in raw and kind is not None and kind not in CHOICE_TYPES:
        check.fail(prefix + ".choices", f"a {kind} question has no choices; remove them")
    for label in ("low", "high"):
        if label in raw and kind is not None and kind != "scale":
            check.fail(prefix + "." + label, f"only a scale question has {label}; remove it")
    if key == "followup_day" and "secure_action" not in earlier:
        check.fail(prefix + ".key", "followup_day checks back on a step: ask secure_action first")
    optional = raw.get("optional", True)
    if not isinstance(optional, bool):
        check.fail(prefix + ".optional", "must be true or false")
        optional = True
    when = _condition(check, raw["when"], prefix + ".when", earlier) if "when" in raw else None
    help_text = check.text(raw, "help", prefix + ".", required=False)
    low = check.text(raw, "low", prefix + ".", required=False)
    high = check.text(raw, "high", prefix + ".", required=False)
    if key is None or kind is None or ask is None:
        return None
    return Question(key, kind, ask, help_text, optional, choices, when, low, high)


def parse_template(
    data: Mapping[str, Any], source: str, file: str
) -> tuple[Template | None, list[Problem]]:
    """Validate one template's raw TOML data; the template is None if anything is wrong."""
    check = _Checker(file)
    raw_id = data.get("id")
    check.template_id = raw_id if isinstance(raw_id, str) else None
    check.unknown(data, TEMPLATE_KEYS, "")
    template_id = check.text(data, "id")
    if template_id is not None and (
        not template_id.replace("-", "").isalnum() or not template_id.islower()
    ):
        check.fail("id", "use lower-case letters, digits and dashes")
    title = check.text(data, "title")
    intro = check.text(data, "intro")
    summary = check.text(data, "summary", required=False) or ""
    kind = check.text(data, "kind")
    if kind is not None and kind not in KINDS:
        check.fail("kind", f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    styles = check.text_list(data, "styles")
    if not styles:
        check.fail("styles", f'list one or more of: {", ".join(STYLE_NAMES)}, or ["{ANY_STYLE}"]')
    for style in styles:
        if style != ANY_STYLE and style not in STYLE_NAMES:
            check.fail(
                "styles", f"unknown style {style!r}; use {', '.join(STYLE_NAMES)} or {ANY_STYLE}"
            )
    situations = check.text_list(data, "situations") if "situations" in data else ()
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        check.fail("questions", "add at least one [[questions]] table")
    else:
        earlier: dict[str, str] = {}
        for index, raw in enumerate(raw_questions):
            question = _question(check, raw, index, earlier)
            if question is not None:
                questions.append(question)
                earlier[question.key] = question.type
    if check.problems:
        return None, check.problems
    assert template_id and title and intro and kind
    template = Template(
        template_id, title, styles, kind, intro, tuple(questions), summary, situations, source
    )
    return template, []


def load_file(path: Path, source: str) -> tuple[Template | None, list[Problem]]:
    """Read and validate one template file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, "file", f"can't read it: {exc}")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(str(path), None, "toml", f"not valid TOML: {exc}")]
    return parse_template(data, source, str(path))


def _files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(folder.glob("*.toml"))


def load_library(user_dir: Path | None = None, builtin: Path | None = None) -> Library:
    """Built-in templates, then the person's own (which override by id)."""
    library = Library()
    for folder, builtin_source in ((builtin or builtin_dir(), True), (user_dir, False)):
        seen: dict[str, str] = {}
        for path in _files(folder):
            _add(library, path, "builtin" if builtin_source else str(path), seen)
    return library


def _add(library: Library, path: Path, source: str, seen: dict[str, str]) -> None:
    """Add one file's template; a second file with the same id in one folder is a problem."""
    template, problems = load_file(path, source)
    library.problems.extend(problems)
    if template is None:
        return
    if template.id in seen:
        library.problems.append(
            Problem(str(path), template.id, "id", f"also used by {seen[template.id]}; skipped")
        )
        return
    seen[template.id] = str(path)
    library.templates[template.id] = template


def check_files(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in the given template files (folders are searched for *.toml)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        files = _files(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            problems.append(Problem(str(path), None, "file", "no *.toml files in this folder"))
        for file in files:
            if not file.exists():
                problems.append(Problem(str(file), None, "file", "no such file"))
                continue
            template, found = load_file(file, str(file))
            problems.extend(found)
            if template is not None:
                if template.id in seen:
                    problems.append(
                        Problem(str(file), template.id, "id", f"also used by {seen[template.id]}")
                    )
                seen[template.id] = str(file)
    return problems


def question_texts(template: Template | None) -> dict[str, str]:
    """Answer key → the question asked, so stored answers read as question → answer."""
    return {} if template is None else {q.key: q.ask for q in template.questions}
