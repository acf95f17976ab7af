"""Exporters: one small class per format, each writing a stream of entries as it goes.

An exporter never holds more than the entry in hand, so exporting 100k entries keeps
memory flat: the caller streams `EntryRecord`s from `store.bulk.iter_entries` and every
entry is written before the next is read. Formats:

- `MarkdownExporter`: one readable document grouped by month; an entry's own headings
  are pushed below the document's, and lines that would turn its text into a heading
  are escaped, so no entry can break the outline.
- `SplitMarkdownExporter`: one file per entry for note apps, starting with YAML front
  matter written by PyYAML (typed values that read back exactly, whatever was typed).
- `JsonExporter`: the lossless `{"format": "attachjournal", "version": 1, ...}` document,
  one entry per line; importing it into an empty journal and exporting again gives the
  same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from attachjournal.records import EntryRecord, FollowUp, entry_to_dict

FORMAT_NAME = "attachjournal"
FORMAT_VERSION = 1

# The questions behind the well-known answer keys (DEVELOPERS.md), in the order a
# reflection asks them; keys a template invents are shown after these, spelled out.
QUESTIONS: dict[str, str] = {
    "situation": "What happened",
    "body": "What my body felt",
    "emotions": "What I felt (0–10)",
    "expectation": "What I expected from them",
    "belief": "What it seemed to say about me",
    "belief_strength": "How strongly I believed it (0–10)",
    "evidence_for": "What supports that thought",
    "evidence_against": "What doesn't fit that thought",
    "thinking_traps": "Thinking traps I noticed",
    "balanced_thought": "A kinder, more balanced view",
    "belief_strength_after": "How strongly I believe it now (0–10)",
    "need": "What I need",
    "boundary": "A boundary I want to hold",
    "response": "How they responded",
    "secure_action": "One small secure step",
    "followup_day": "When to check back",
    "open_question": "To bring to my next session",
}
ACTED_WORDS = {True: "acted on it", False: "noticed, didn't act on it", None: "noticed"}
STATUS_WORDS = {"open": "not checked yet", "done": "done", "not_done": "didn't happen"}

_MARKUP_LINE = re.compile(r"^ {0,3}(#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|```|~~~)", re.MULTILINE)


_LINE_START_MARK = re.compile(r"\n[ #=\-`~]")


_MARKUP_STARTS = "#-=`~ "


def _may_have_markup(text: str) -> bool:
    """A cheap pre-check for `_MARKUP_LINE` (~6× faster): could any line start with markup?"""
    return text[:1] in _MARKUP_STARTS or _LINE_START_MARK.search(text) is not None


_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SLUG_JUNK = re.compile(r"[^\w]+")


def local(moment: datetime) -> datetime:
    return moment.astimezone()


class LocalClock:
    """`moment.astimezone()` for a chronological stream of moments, several times cheaper.

    Asking the system zone costs microseconds per call, which adds up over 100k entries.
    The zone found for a day of UTC time is reused for every moment in that day when the
    offset is the same at both ends of it; a day with an offset change in it asks every
    time. (Zones change offset a few times a year at most, never twice in a day.)
    """

    SLICE = timedelta(days=1)

    def __init__(self) -> None:
        self.low = self.high = datetime.min.replace(tzinfo=UTC)
        self.zone: tzinfo | None = None

    def __call__(self, moment: datetime) -> datetime:
        if not self.low <= moment < self.high:
            self.low = moment.replace(hour=0, minute=0, second=0, microsecond=0)
            self.high = self.low + self.SLICE
            start = self.low.astimezone()
            end = (self.high - timedelta(seconds=1)).astimezone()
            same = start.utcoffset() == end.utcoffset() and start.tzname() == end.tzname()
            self.zone = start.tzinfo if same else None
        zone = self.zone
        return moment.astimezone(zone) if zone is not None else moment.astimezone()


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def entry_heading(when: datetime) -> str:
    """`Tue 03 Nov 2026, 21:30`: strftime's C-locale output, built ~3× faster by hand
    (it runs once per entry of a 100k export)."""
    return (
        f"{_DAYS[when.weekday()]} {when.day:02d} {_MONTHS[when.month - 1]} {when.year}, "
        f"{when.hour:02d}:{when.minute:02d}"
    )


def nest_markdown(text: str, shift: int) -> str:
    """`text` with its ATX headings moved `shift` levels down (at most level 6) and
    setext underlines escaped, so it can sit under a heading without changing the
    document's outline. Fenced code is left alone; text without markup is returned as is.
    """
    if not _may_have_markup(text) or not _MARKUP_LINE.search(text):
        return text
    lines = text.split("\n")
    fence: str | None = None
    previous_blank = True
    for index, line in enumerate(lines):
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            previous_blank = False
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
        elif match := _ATX.match(line):
            level = min(6, len(match.group(2)) + shift)
            lines[index] = match.group(1) + "#" * level + line[match.end() :]
        elif not previous_blank and _SETEXT.match(line):
            lines[index] = "\\" + line.lstrip(" ")
        previous_blank = not line.strip()
    return "\n".join(lines)


def question_for(key: str) -> str:
    return QUESTIONS.get(key) or key.replace("_", " ").strip().capitalize() or key


def answer_text(value: Any) -> str:
    """An answer as a person would write it: emotions as `hurt 7`, lists joined."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return "yes" if value else "no"
    if kind is int:
        return str(value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {answer_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(answer_text(item) for item in value)
    return "" if value is None else str(value)


_QUESTION_ORDER = {key: place for place, key in enumerate(QUESTIONS)}


def _question_order(key: str) -> tuple[int, str]:
    return (_QUESTION_ORDER.get(key, len(QUESTIONS)), key)


def ordered_answers(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, answer text) in the order a reflection asks (other keys after, A–Z),
    skipping blank answers."""
    pairs = [(key, answer_text(answers[key])) for key in sorted(answers, key=_question_order)]
    return [(key, text) for key, text in pairs if text.strip()]


def followup_line(item: FollowUp) -> str:
    parts = [item.action.strip()]
    if item.due_on is not None:
        parts.append(f"check back {item.due_on.isoformat()}")
    parts.append(STATUS_WORDS.get(item.status, item.status))
    line = " — ".join(parts)
    if item.note and item.note.strip():
        line += f": {item.note.strip()}"
    return line


def entry_body(entry: EntryRecord, shift: int) -> str:
    """Text, guided answers (question → answer), urges and secure steps as Markdown."""
    if not (entry.answers or entry.urges or entry.followups):
        if not entry.text.strip():
            return ""
        return nest_markdown(entry.text.strip("\n"), shift) if shift else entry.text
    parts: list[str] = []
    if entry.text.strip():
        parts.append(nest_markdown(entry.text.strip("\n"), shift) if shift else entry.text)
    for key, answer in ordered_answers(entry.answers):
        # most answers are one plain line: skip the call when no line can hold markup
        nest = shift and ("\n" in answer or answer[:1] in _MARKUP_STARTS)
        parts.append(
            f"**{question_for(key)}**\n\n{nest_markdown(answer, shift) if nest else answer}"
        )
    if entry.urges:
        lines = [f"- {urge.name} ({ACTED_WORDS[urge.acted]})" for urge in entry.urges]
        parts.append("**Urges**\n\n" + "\n".join(lines))
    if entry.followups:
        steps = "\n".join(f"- {followup_line(item)}" for item in entry.followups)
        parts.append("**Secure steps**\n\n" + steps)
    return "\n\n".join(parts)


def meta_lines(entry: EntryRecord) -> list[str]:
    """The entry's facts as a short bullet list for the combined document."""
    facts = [f"- Kind: {entry.kind}"]
    if entry.style:
        facts.append(f"- Lens: {entry.style}")
    if entry.person:
        facts.append(f"- With: {entry.person}")
    if entry.trigger:
        facts.append(f"- What set it off: {entry.trigger}")
    if entry.anxiety is not None:
        facts.append(f"- Anxiety: {entry.anxiety}/10")
    if entry.avoidance is not None:
        facts.append(f"- Avoidance: {entry.avoidance}/10")
    if entry.tags:
        facts.append(f"- Tags: {', '.join(entry.tags)}")
    if entry.template:
        facts.append(f"- Template: {entry.template}")
    if entry.starred:
        facts.append("- Starred")
    return facts


class Exporter:
    """Writes a document around a stream of entries; returns how many it wrote."""

    def export(self, entries: Iterable[EntryRecord]) -> int:
        count = 0
        self.begin()
        write_one = self.entry
        for entry in entries:
            write_one(entry)
            count += 1
        self.end()
        return count

    def begin(self) -> None:
        """Called once before the first entry."""

    def entry(self, entry: EntryRecord) -> None:
        raise NotImplementedError

    def end(self) -> None:
        """Called once after the last entry."""


class MarkdownExporter(Exporter):
    """One Markdown document: `#` title, `##` per month, `###` per entry."""

    def __init__(self, out: TextIO, title: str = "Journal") -> None:
        self.out = out
        self.title = title
        self.month: tuple[int, int] | None = None
        self.local = LocalClock()

    def begin(self) -> None:
        self.out.write(f"# {self.title}\n")

    def entry(self, entry: EntryRecord) -> None:
        when = self.local(entry.created_at)
        chunks = []
        if (when.year, when.month) != self.month:
            self.month = (when.year, when.month)
            chunks.append(f"\n## {when:%B %Y}\n")
        chunks.append(f"\n### {entry_heading(when)}\n\n")
        chunks.append("\n".join(meta_lines(entry)))
        body = entry_body(entry, shift=3)
        chunks.append(f"\n\n{body}\n" if body else "\n")
        self.out.write("".join(chunks))


def front_matter(entry: EntryRecord) -> dict[str, Any]:
    """The properties note apps read from a split file, as typed values."""
    return {
        "date": local(entry.created_at),
        "uuid": entry.uuid,
        "kind": entry.kind,
        "style": entry.style,
        "person": entry.person,
        "tags": list(entry.tags),
        "anxiety": entry.anxiety,
        "avoidance": entry.avoidance,
        "template": entry.template,
        "trigger": entry.trigger,
        "starred": entry.starred,
    }


@cache
def _dumper() -> Any:
    """PyYAML's safe dumper (the C one when built), writing datetimes as ISO 8601 with a
    `T` and the offset, unquoted, so YAML readers and note apps see a typed date."""
    import yaml

    base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class FrontMatterDumper(base):  # type: ignore[misc]
        pass

    def timestamp(dumper: Any, value: datetime) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())

    FrontMatterDumper.add_representer(datetime, timestamp)
    return FrontMatterDumper


def dump_front_matter(values: dict[str, Any]) -> str:
    """YAML between `---` lines, written by PyYAML so any text reads back as itself."""
    import yaml

    body = yaml.dump(
        values,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 30,
    )
    return f"---\n{body}---\n"


def slug(entry: EntryRecord, limit: int = 40) -> str:
    """A short, file-name-safe summary of the entry's first words."""
    source = ""
    for line in entry.text.splitlines():
        if line.strip(" #-=*>"):
            source = line
            break
    words = _SLUG_JUNK.sub("-", source.lower()).strip("-_")
    if len(words) > limit:
        cut = words[:limit]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words or entry.template or entry.kind


class SplitMarkdownExporter(Exporter):
    """One `.md` file per entry in `folder`, named by local date, time and a slug.

    Names are stable across runs, so re-exporting into the same folder updates the same
    files (a live folder for Obsidian); two entries that would share a name get the
    later one's uuid prefix added.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def file_name(self, entry: EntryRecord) -> str:
        stem = f"{local(entry.created_at):%Y-%m-%d-%H%M}-{slug(entry)}"
        name = f"{stem}.md"
        if name.lower() in self.used:
            name = f"{stem}-{entry.uuid[:8]}.md"
        counter = 2
        while name.lower() in self.used:
            name = f"{stem}-{entry.uuid[:8]}-{counter}.md"
            counter += 1
        self.used.add(name.lower())
        return name

    def render(self, entry: EntryRecord) -> str:
        body = entry_body(entry, shift=0)
        return dump_front_matter(front_matter(entry)) + (f"\n{body}\n" if body else "")

    def entry(self, entry: EntryRecord) -> None:
        from attachjournal.privatefiles import write_private

        write_private(self.folder / self.file_name(entry), self.render(entry))


class JsonExporter(Exporter):
    """The lossless export: valid JSON, one entry per line so it streams and diffs well."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first = True

    def begin(self) -> None:
        self.out.write(
            f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "entries": ['
        )

    def entry(self, entry: EntryRecord) -> None:
        line = json.dumps(entry_to_dict(entry), ensure_ascii=False)
        self.out.write(("\n    " if self.first else ",\n    ") + line)
        self.first = False

    def end(self) -> None:
        self.out.write("]\n}\n" if self.first else "\n  ]\n}\n")
