"""The benchmark's journal builder, run on a tiny size so it cannot rot.

Nothing here is timed: benchmarks live in `bench/` and run on demand.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.journal import generate, jrnl_config, write_attachjournal, write_jrnl  # noqa: E402

from attachjournal.config import resolve_paths  # noqa: E402
from attachjournal.records import EntryFilter  # noqa: E402
from attachjournal.store import open_journal  # noqa: E402
from attachjournal.store.entries import count_entries, list_entries  # noqa: E402

END = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)


def test_same_entries_in_both_formats(tmp_path: Path) -> None:
    entries = list(generate(25, END))
    assert entries == list(generate(25, END)), "generation must be deterministic"
    assert [e.created_at for e in entries] == sorted(e.created_at for e in entries)
    assert entries[-1].created_at == END
    assert all(60 <= len(e.text.split()) <= 150 for e in entries)

    db = tmp_path / "journal.db"
    write_attachjournal(entries, db)
    journal = open_journal(resolve_paths(str(db)))
    with journal.read() as session:
        assert count_entries(session, EntryFilter()) == 25
        newest = list_entries(session, EntryFilter(), limit=1)[0]
    journal.close()
    assert (newest.uuid, newest.text, newest.tags) == (
        entries[-1].uuid,
        entries[-1].text,
        tuple(sorted(entries[-1].tags)),
    )
    assert newest.person == entries[-1].person

    text = tmp_path / "journal.txt"
    write_jrnl(entries, text)
    headers = re.findall(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [AP]M\] ", text.read_text(), re.M)
    assert len(headers) == 25
    assert str(text) in jrnl_config(text)


def test_targets_are_judged_from_same_round_ratios() -> None:
    from bench.operations import OPERATIONS
    from bench.report import targets
    from bench.runner import Cell, Stats

    ops = {op.key: op for op in OPERATIONS}

    def stats(seconds: float, mib: float = 50) -> Stats:
        return Stats(seconds, mib, 5)

    cells = [
        Cell(ops["add"], 1_000, stats(0.5), stats(0.2), floor=stats(0.45)),
        Cell(ops["week"], 1_000, stats(0.4), stats(0.2)),
        Cell(ops["week"], 100_000, stats(0.9), stats(3.3), reference=stats(0.6)),
        Cell(ops["export"], 100_000, stats(1.0, 40), stats(4.7, 360)),
    ]
    verdicts = {verdict.key: verdict for verdict in targets(cells)}
    assert verdicts["add"].met is True  # 0.5 / 0.45 = 1.11
    assert verdicts["week"].met is False  # 0.9 / 0.6 from the same rounds, not 0.9 / 0.4
    assert "1.50×" in verdicts["week"].detail
    assert verdicts["export"].met is True
    assert verdicts["version"].met is None  # not measured: not checked, never "met"
