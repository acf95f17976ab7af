"""Rich renderables for entries and journal facts.

Views take plain records and return renderables; they never print, so commands decide
where output goes and tests render at a fixed width into a string.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from attachjournal.records import EntryRecord, JournalInfo

STYLE_COLOURS = {"anxious": "magenta", "avoidant": "cyan", "fearful": "yellow", "secure": "green"}


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b %Y %H:%M")


def short_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def rating(value: int | None) -> str:
    return "" if value is None else str(value)


def ratings_text(entry: EntryRecord) -> str:
    parts = []
    if entry.anxiety is not None:
        parts.append(f"anx {entry.anxiety}")
    if entry.avoidance is not None:
        parts.append(f"avo {entry.avoidance}")
    return " · ".join(parts)


def style_text(style: str | None) -> Text:
    if style is None:
        return Text("")
    return Text(style, style=STYLE_COLOURS.get(style, ""))


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def entries_table(entries: Sequence[EntryRecord], width: int = 80) -> Table:
    """One line per entry, fitted to `width`: the text column takes what the others leave.

    Widths are computed here because Rich, when squeezed, collapses whole narrow columns.
    """
    rows = []
    for entry in entries:
        summary = Text(first_line(entry.text) or first_answer(entry.answers))
        if entry.tags:
            summary.append("  " + " ".join(f"#{tag}" for tag in entry.tags), style="dim")
        rows.append(
            (
                str(entry.id),
                short_time(entry.created_at),
                entry.kind,
                style_text(entry.style),
                (entry.person or "")[:12],
                rating(entry.anxiety),
                rating(entry.avoidance),
                summary,
            )
        )
    headers = ("id", "when", "kind", "lens", "person", "anx", "avo")
    fixed = [
        max([len(header)] + [len(str(row[index])) for row in rows])
        for index, header in enumerate(headers)
    ]
    text_width = max(12, width - sum(fixed) - 2 * len(headers))
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    for index, header in enumerate(headers):
        right = header in ("id", "anx", "avo")
        table.add_column(
            header, justify="right" if right else "left", no_wrap=True, width=fixed[index]
        )
    table.add_column("text", no_wrap=True, overflow="ellipsis", max_width=text_width)
    for row in rows:
        table.add_row(*row)
    return table


def first_answer(answers: dict[str, Any]) -> str:
    for value in answers.values():
        if isinstance(value, str) and value.strip():
            return first_line(value)
    return ""


def prettify_key(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").capitalize()


def answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {answer_text(item)}" for key, item in value.items())
    return str(value)


def entry_detail(entry: EntryRecord, questions: dict[str, str] | None = None) -> RenderableType:
    """Everything about one entry; `questions` maps answer keys to the questions asked."""
    questions = questions or {}
    heading = Text(f"#{entry.id}  ", style="bold")
    heading.append(local_time(entry.created_at))
    heading.append(f"  {entry.kind}", style="dim")
    if entry.style:
        heading.append("  ")
        heading.append_text(style_text(entry.style))
        heading.append(" lens", style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    for label, value in (
        ("person", entry.person),
        ("trigger", entry.trigger),
        ("ratings", ratings_text(entry)),
        ("tags", " ".join(f"#{tag}" for tag in entry.tags)),
        ("template", entry.template),
        ("starred", "yes" if entry.starred else None),
    ):
        if value:
            facts.add_row(label, escape(value))
    parts: list[RenderableType] = [heading, facts]
    if entry.text.strip():
        parts.append(Text("\n" + entry.text.rstrip()))
    if entry.answers:
        answers = Table.grid(padding=(0, 1))
        answers.add_column(style="bold", ratio=2)
        answers.add_column(ratio=3)
        for key, value in entry.answers.items():
            answers.add_row(
                escape(questions.get(key, prettify_key(key))), escape(answer_text(value))
            )
        parts.append(Panel(answers, title="answers", title_align="left", border_style="dim"))
    if entry.urges:
        lines = [
            f"{urge.name}: "
            + {True: "acted on", False: "noticed, not acted on", None: "noticed"}[urge.acted]
            for urge in entry.urges
        ]
        parts.append(
            Panel(
                "\n".join(escape(line) for line in lines),
                title="urges",
                title_align="left",
                border_style="dim",
            )
        )
    for item in entry.followups:
        due = f" (due {item.due_on.isoformat()})" if item.due_on else ""
        outcome = {"open": "open", "done": "done", "not_done": "not done"}[item.status]
        note = f" — {item.note}" if item.note else ""
        parts.append(Text(f"secure action{due}: {item.action} [{outcome}]{note}"))
    return Group(*parts)


def info_view(facts: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in facts.items():
        table.add_row(key.replace("_", " "), escape("—" if value is None else str(value)))
    return table


def info_facts(info: JournalInfo | None, paths: dict[str, str], version: str) -> dict[str, Any]:
    facts: dict[str, Any] = {"version": version, **paths}
    if info is not None:
        facts.update(
            schema_version=info.schema_version,
            entries=info.entries,
            people=info.people,
            tags=info.tags,
            drafts=info.drafts,
            open_followups=info.open_followups,
            first_entry=None
            if info.first_entry is None
            else info.first_entry.astimezone().isoformat(timespec="seconds"),
            last_entry=None
            if info.last_entry is None
            else info.last_entry.astimezone().isoformat(timespec="seconds"),
        )
    return facts
