"""Shared by the export, import and brief tests: seeding a journal with rich entries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from attachjournal.config import resolve_paths
from attachjournal.records import EntryFilter, EntryRecord, FollowUp, NewEntry, Urge
from attachjournal.store import open_journal
from attachjournal.store.bulk import iter_entries
from attachjournal.store.entries import add_entry

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def seed(entries: list[NewEntry], db: str | None = None) -> None:
    journal = open_journal(resolve_paths(db))
    with journal.write() as session:
        for entry in entries:
            add_entry(session, entry, NOW)
    journal.close()


def all_entries(db: str | None = None) -> list[EntryRecord]:
    journal = open_journal(resolve_paths(db))
    with journal.read() as session:
        found = list(iter_entries(session, EntryFilter()))
    journal.close()
    return found


def rich_entry(**changes: object) -> NewEntry:
    values: dict[str, object] = {
        "kind": "reflection",
        "text": "After the call I sat with it.",
        "created_at": datetime(2026, 11, 3, 20, 30, tzinfo=UTC),
        "style": "anxious",
        "template": "anxious-unanswered",
        "person": "Sam",
        "trigger": "unanswered message",
        "anxiety": 7,
        "avoidance": 2,
        "starred": True,
        "tags": ("phone", "evening"),
        "answers": {
            "situation": "No reply for five hours.",
            "belief": "I'm too much for people.",
            "need": "I feel uneasy when plans go quiet; I need a short check-in.",
            "emotions": {"worried": 8, "hurt": 5},
            "thinking_traps": ["mind reading", "fortune telling"],
            "open_question": "Why does silence feel like a verdict?",
        },
        "urges": (Urge("send another message", False), Urge("go quiet", True)),
        "followups": (
            FollowUp(None, "Ask for a check-in call", date(2026, 11, 5), "done", "It went well"),
        ),
    }
    values.update(changes)
    return NewEntry(**values)  # type: ignore[arg-type]


def db_in(tmp_path: Path, name: str) -> str:
    return str(tmp_path / name / "journal.db")
