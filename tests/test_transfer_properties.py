"""Property tests for the two round trips the export formats promise."""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attachjournal.config import resolve_paths
from attachjournal.export import JsonExporter, SplitMarkdownExporter, front_matter
from attachjournal.importers import parse_own
from attachjournal.records import EntryFilter, EntryRecord, FollowUp, NewEntry, Urge
from attachjournal.store import open_journal
from attachjournal.store.bulk import import_entries, iter_entries
from attachjournal.store.entries import add_entry

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=20).filter(lambda s: s.strip())
ratings = st.none() | st.integers(min_value=0, max_value=10)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
new_entries = st.builds(
    NewEntry,
    kind=st.sampled_from(["reflection", "checkin", "note"]),
    text=st.text(max_size=200),
    created_at=moments,
    style=st.none() | st.sampled_from(["anxious", "avoidant", "fearful", "secure"]),
    template=st.none() | texts,
    person=st.none() | names,
    trigger=st.none() | texts,
    anxiety=ratings,
    avoidance=ratings,
    starred=st.booleans(),
    tags=st.lists(names, max_size=3).map(tuple),
    answers=st.dictionaries(texts, json_values, max_size=4),
    urges=st.lists(st.builds(Urge, names, st.none() | st.booleans()), max_size=2).map(tuple),
    followups=st.lists(
        st.builds(
            FollowUp,
            st.none(),
            names,
            st.none() | st.dates(),
            st.sampled_from(["open", "done", "not_done"]),
            st.none() | texts,
            st.none() | moments,
        ),
        max_size=2,
    ).map(tuple),
)


def export_json(db: Path) -> str:
    journal = open_journal(resolve_paths(str(db)))
    out = io.StringIO()
    with journal.read() as session:
        JsonExporter(out).export(iter_entries(session, EntryFilter()))
    journal.close()
    return out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(new_entries, max_size=4))
def test_json_export_import_export_is_identical(entries: list[NewEntry]) -> None:
    import json

    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "a.db", Path(folder) / "b.db"
        journal = open_journal(resolve_paths(str(source)))
        with journal.write() as session:
            for entry in entries:
                add_entry(session, entry, NOW)
        journal.close()
        first = export_json(source)
        restored = open_journal(resolve_paths(str(target)))
        with restored.write() as session:
            import_entries(session, parse_own(Path("a.json"), json.loads(first)))
        restored.close()
        assert export_json(target) == first


front_values = st.text(max_size=30) | st.sampled_from(
    [
        '"quoted"',
        "key: value",
        "# not a comment",
        "🙂 emoji",
        "- leading dash",
        "---",
        "...",
        "yes",
        "null",
        "~",
        "0o17",
        "1e3",
        "  padded  ",
        "line\nbreak",
        "@at",
        "!tag",
        "&anchor",
        "*alias",
        "%directive",
        "|",
        ">",
        "'single'",
        "tab\there",
        "2026-11-03",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    person=st.none() | front_values,
    template=st.none() | front_values,
    trigger=st.none() | front_values,
    tags=st.lists(front_values, max_size=4),
    anxiety=ratings,
    created=moments,
    offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_split_front_matter_reads_back_to_the_same_values(
    person, template, trigger, tags, anxiety, created, offset_minutes
) -> None:
    import os
    import time

    entry = EntryRecord(
        id=1,
        uuid="0b6f0f2e-8d1a-4c4b-9f59-1d2a3b4c5d6e",
        created_at=created,
        updated_at=created,
        kind="note",
        text="body",
        person=person,
        template=template,
        trigger=trigger,
        tags=tuple(tags),
        anxiety=anxiety,
    )
    hours, minutes = divmod(abs(offset_minutes), 60)
    sign = "-" if offset_minutes >= 0 else "+"  # POSIX TZ offsets are west-positive
    os.environ["TZ"] = f"ZZZ{sign}{hours:02d}:{minutes:02d}"
    time.tzset()
    try:
        document = SplitMarkdownExporter(Path(".")).render(entry)
        expected = front_matter(entry)
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()
    lines = document.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    assert yaml.safe_load("\n".join(lines[1:end])) == expected
    assert expected["date"].utcoffset() == timedelta(minutes=offset_minutes)
    assert "\n".join(lines[end + 1 :]) == "\nbody\n"
