"""Helpers for the guided-flow tests: a Guide over a temporary journal with a scripted asker."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attachjournal.asking import ScriptedAsker
from attachjournal.config import resolve_paths
from attachjournal.guide import Guide
from attachjournal.loading import JournalLoader
from attachjournal.prompts import Library, load_library
from attachjournal.records import EntryFilter, EntryRecord, NewEntry
from attachjournal.store import open_journal

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime(2026, 11, 24, 20, 30, tzinfo=UTC)  # a Tuesday


def library(with_fixtures: bool = False) -> Library:
    return load_library(FIXTURES / "prompts" if with_fixtures else None)


def guide(asker: ScriptedAsker, lib: Library | None = None, now: datetime = NOW) -> Guide:
    return Guide(asker, JournalLoader(resolve_paths()), lib or library(), now)


def stored_entries() -> list[EntryRecord]:
    from attachjournal.store.entries import list_entries

    journal = open_journal(resolve_paths())
    try:
        with journal.read() as session:
            return list_entries(session, EntryFilter())
    finally:
        journal.close()


def add(entry: NewEntry) -> int:
    from attachjournal.store.entries import add_entry

    journal = open_journal(resolve_paths())
    try:
        with journal.write() as session:
            return add_entry(session, entry, entry.created_at)
    finally:
        journal.close()


def drafts() -> list[dict[str, Any]]:
    """Every draft row as a dict (raw, so the test sees what is stored)."""
    import json
    import sqlite3

    path = resolve_paths().db
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT id, template, style, person, answers FROM drafts ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [
        {"id": r[0], "template": r[1], "style": r[2], "person": r[3], "answers": json.loads(r[4])}
        for r in rows
    ]
