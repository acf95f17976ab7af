"""`attachjournal export`: combined Markdown, split Markdown, JSON, filters and files."""

from __future__ import annotations

import io
import json
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from attachjournal.config import resolve_paths
from attachjournal.export import (
    JsonExporter,
    LocalClock,
    MarkdownExporter,
    SplitMarkdownExporter,
    nest_markdown,
)
from attachjournal.records import EntryFilter, entry_to_dict
from attachjournal.store import open_journal
from attachjournal.store.bulk import iter_entries
from attachjournal.store.entries import list_entries
from transfer_helpers import all_entries, rich_entry, seed


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def front_matter_of(text: str) -> dict[str, object]:
    """Read front matter the way note apps do: first line `---`, up to the next `---`."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end]))


# --- nesting an entry's Markdown -----------------------------------------------------


def test_headings_are_shifted_below_the_entry_heading() -> None:
    text = "# Big\n## Sub\n###### Deep\nplain #not-a-heading"
    assert nest_markdown(text, 3) == "#### Big\n##### Sub\n###### Deep\nplain #not-a-heading"


def test_setext_underlines_are_escaped_but_thematic_breaks_stay() -> None:
    text = "a line\n---\n\n---\nother\n==="
    assert nest_markdown(text, 3) == "a line\n\\---\n\n---\nother\n\\==="


def test_fenced_code_is_left_alone() -> None:
    text = "```\n# not a heading\nx\n---\n```\n# real"
    assert nest_markdown(text, 2) == "```\n# not a heading\nx\n---\n```\n### real"


def test_text_without_markup_is_returned_unchanged() -> None:
    text = "just words - and a dash"
    assert nest_markdown(text, 3) is text


def test_local_clock_agrees_with_astimezone_across_dst(berlin) -> None:
    clock = LocalClock()
    start = datetime(2026, 3, 28, tzinfo=UTC)
    moments = [start + timedelta(minutes=7 * n) for n in range(900)]
    moments += [datetime(2026, 10, 24, tzinfo=UTC) + timedelta(minutes=11 * n) for n in range(600)]
    moments += [datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC), datetime(2026, 3, 29, 1, tzinfo=UTC)]
    for moment in moments:
        mine, system = clock(moment), moment.astimezone()
        assert (mine, mine.utcoffset(), mine.tzname()) == (
            system,
            system.utcoffset(),
            system.tzname(),
        ), moment


# --- combined Markdown ----------------------------------------------------------------


def test_markdown_groups_by_month_with_local_times_and_questions(run, berlin) -> None:
    seed(
        [
            rich_entry(),
            rich_entry(
                created_at=datetime(2026, 10, 31, 23, 30, tzinfo=UTC),
                text="Late, and the clocks had gone back.",
                starred=False,
                answers={},
                urges=(),
                followups=(),
            ),
        ]
    )
    result = run("export")
    assert result.exit_code == 0, result.output
    doc = result.stdout
    # 23:30 UTC on 31 Oct is 00:30 on 1 Nov in Berlin (winter time): both land in November.
    assert doc.count("## November 2026") == 1 and "## October 2026" not in doc
    assert "### Sun 01 Nov 2026, 00:30" in doc
    assert "### Tue 03 Nov 2026, 21:30" in doc
    assert doc.index("Late, and the clocks") < doc.index("After the call")
    for expected in (
        "- Lens: anxious",
        "- With: Sam",
        "- Anxiety: 7/10",
        "- Avoidance: 2/10",
        "- Tags: evening, phone",
        "- Starred",
        "**What it seemed to say about me**\n\nI'm too much for people.",
        "**What I felt (0–10)**\n\nhurt 5, worried 8",
        "**Thinking traps I noticed**\n\nmind reading, fortune telling",
        "- send another message (noticed, didn't act on it)",
        "- go quiet (acted on it)",
        "- Ask for a check-in call — check back 2026-11-05 — done: It went well",
    ):
        assert expected in doc, expected
    assert "**belief**" not in doc and "open_question" not in doc


def test_entry_headings_never_break_the_outline(run) -> None:
    seed([rich_entry(text="# My title\nfirst\n---\n## Part\n```\n# code\n```", answers={})])
    doc = run("export").stdout
    outside_code = re.sub(r"```.*?```", "", doc, flags=re.DOTALL)
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", outside_code, re.MULTILINE)]
    assert levels[:3] == [1, 2, 3]
    assert all(level >= 4 for level in levels[3:])
    assert "#### My title" in doc and "##### Part" in doc and "\\---" in doc
    assert "```\n# code\n```" in doc


def test_since_and_until_filter(run, add_entry) -> None:
    add_entry("old one", "--at", "2026-10-01 10:00")
    add_entry("middle one", "--at", "2026-10-15 10:00")
    add_entry("new one", "--at", "2026-11-01 10:00")
    doc = run("export", "--since", "2026-10-10", "--until", "2026-10-20").stdout
    assert "middle one" in doc and "old one" not in doc and "new one" not in doc


def test_nothing_matched_is_a_friendly_line_and_no_file(run, add_entry, tmp_path) -> None:
    add_entry("something", "--at", "2026-10-01 10:00")
    target = tmp_path / "out.md"
    result = run("export", "--since", "2030-01-01", "--output", str(target))
    assert result.exit_code == 0
    assert "No entries in that period; nothing was exported." in result.stdout
    assert not target.exists()
    piped = run("export", "--since", "2030-01-01")
    assert piped.exit_code == 0 and piped.stdout == ""
    assert "nothing was exported" in piped.stderr


def test_empty_journal_says_so(run) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0 and "No entries yet" in result.stderr


def test_output_file_is_private_and_parents_are_created(run, add_entry, tmp_path) -> None:
    add_entry("a private thought")
    target = tmp_path / "new" / "folder" / "journal.md"
    result = run("export", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert f"Exported 1 entry to {target}." in result.stdout
    assert "a private thought" in target.read_text(encoding="utf-8")
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700 and mode(target.parent.parent) == 0o700
    assert list(target.parent.iterdir()) == [target]


def test_existing_output_is_replaced_and_made_private(run, add_entry, tmp_path) -> None:
    add_entry("fresh")
    target = tmp_path / "journal.md"
    target.write_text("old content")
    target.chmod(0o644)
    run("export", "-o", str(target))
    assert "fresh" in target.read_text() and "old content" not in target.read_text()
    assert mode(target) == 0o600


def test_a_failed_export_leaves_the_old_file(run, add_entry, tmp_path, monkeypatch) -> None:
    add_entry("first")
    add_entry("second")
    target = tmp_path / "out" / "journal.md"
    target.parent.mkdir()
    target.write_text("previous export")

    def broken(self, entry) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(MarkdownExporter, "entry", broken)
    result = run("export", "-o", str(target))
    assert result.exit_code == 130
    assert target.read_text() == "previous export"
    assert list(target.parent.iterdir()) == [target]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split"], "--split needs a folder"),
        (["--split", "-o", "x", "--format", "json"], "--split writes Markdown"),
        (["--brief", "--format", "json"], "--brief is Markdown only"),
        (["--brief", "--split", "-o", "x"], "--brief is Markdown only"),
        (["--format", "xml"], "xml"),
        (["--since", "the day after never"], "the day after never"),
        (["--since", "2026-11-10", "--until", "2026-11-01"], "is after --until"),
    ],
)
def test_bad_options_are_usage_errors(run, args, message) -> None:
    result = run("export", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.startswith("Error:")


def test_output_that_is_a_folder_is_a_usage_error(run, add_entry, tmp_path) -> None:
    add_entry("x")
    result = run("export", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_split_output_that_is_a_file_is_a_usage_error(run, add_entry, tmp_path) -> None:
    add_entry("x")
    target = tmp_path / "file.md"
    target.write_text("")
    result = run("export", "--split", "-o", str(target))
    assert result.exit_code == 2 and "is a file" in result.stderr


# --- split Markdown -------------------------------------------------------------------


def test_split_writes_one_private_file_per_entry_with_front_matter(run, tmp_path, berlin) -> None:
    same_minute = datetime(2026, 11, 3, 20, 30, 15, tzinfo=UTC)
    seed(
        [
            rich_entry(),
            rich_entry(created_at=same_minute, person='Al: "the #1" - ok', tags=("a: b",)),
            rich_entry(created_at=same_minute + timedelta(seconds=5), text="---\ntitle: x\n---"),
        ]
    )
    folder = tmp_path / "vault" / "journal"
    result = run("export", "--split", "--output", str(folder))
    assert result.exit_code == 0, result.output
    files = sorted(folder.iterdir())
    assert len(files) == 3 and len({f.name for f in files}) == 3
    assert all(f.name.startswith("2026-11-03-2130-") and f.suffix == ".md" for f in files)
    assert mode(folder) == 0o700 and all(mode(f) == 0o600 for f in files)
    by_uuid = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        meta = front_matter_of(text)
        by_uuid[meta["uuid"]] = (meta, text)
    for entry in all_entries():
        meta, text = by_uuid[entry.uuid]
        assert meta == {
            "date": entry.created_at,
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
        assert meta["date"].utcoffset() == timedelta(hours=1)  # local time, with its offset
        assert re.search(r"^date: 2026-11-03T21:30:\d\d\+01:00$", text, re.MULTILINE)
    looks_like_front_matter = next(t for _, t in by_uuid.values() if "title: x" in t)
    # a body that looks like front matter stays body, after the real front matter
    assert "starred: true\n---\n\n---\ntitle: x\n---\n" in looks_like_front_matter


def test_split_names_are_stable_so_a_folder_stays_live(run, add_entry, tmp_path) -> None:
    add_entry("Texted first for once", "--at", "2026-11-03 21:30")
    add_entry("Texted first for once", "--at", "2026-11-03 21:30")
    folder = tmp_path / "notes"
    run("export", "--split", "-o", str(folder))
    first = sorted(p.name for p in folder.iterdir())
    run("export", "--split", "-o", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == first
    assert "2026-11-03-2130-texted-first-for-once.md" in first
    other = next(name for name in first if name != "2026-11-03-2130-texted-first-for-once.md")
    assert re.fullmatch(r"2026-11-03-2130-texted-first-for-once-[0-9a-f]{8}\.md", other)


# --- JSON -----------------------------------------------------------------------------


def test_json_export_is_the_documented_document(run, add_entry) -> None:
    seed([rich_entry()])
    add_entry("a quick note", "--tag", "x")
    result = run("export", "--format", "json")
    document = json.loads(result.stdout)
    assert document["format"] == "attachjournal" and document["version"] == 1
    listed = json.loads(run("list", "--json").stdout)
    assert document["entries"] == list(reversed(listed))
    first = document["entries"][0]
    assert first["answers"]["belief"] == "I'm too much for people."
    assert first["followups"][0]["status"] == "done"
    assert first["urges"] == [
        {"name": "send another message", "acted": False},
        {"name": "go quiet", "acted": True},
    ]


def test_json_exporter_output_is_plain_json_dumps_of_the_document() -> None:
    seed([rich_entry(), rich_entry(text="two\nlines", answers={"x": [1, {"y": None}]})])
    entries = all_entries()
    out = io.StringIO()
    assert JsonExporter(out).export(iter(entries)) == 2
    expected = {
        "format": "attachjournal",
        "version": 1,
        "entries": [entry_to_dict(e) for e in entries],
    }
    assert json.loads(out.getvalue()) == expected
    empty = io.StringIO()
    JsonExporter(empty).export(iter([]))
    assert json.loads(empty.getvalue())["entries"] == []


# --- streaming ------------------------------------------------------------------------


@pytest.mark.parametrize("make", [MarkdownExporter, JsonExporter])
def test_exporters_write_each_entry_before_reading_the_next(make) -> None:
    seed([rich_entry(text=f"entry number {n}") for n in range(3)])
    entries = all_entries()
    out = io.StringIO()
    seen: list[int] = []

    def stream():
        for number, entry in enumerate(entries):
            if number:
                assert f"entry number {number - 1}" in out.getvalue()
            seen.append(number)
            yield entry

    make(out).export(stream())
    assert seen == [0, 1, 2]


def test_split_exporter_writes_each_file_before_reading_the_next(tmp_path) -> None:
    seed([rich_entry(text=f"entry number {n}") for n in range(3)])
    entries = all_entries()
    tmp_path = tmp_path / "split"
    tmp_path.mkdir()

    def stream():
        for number, entry in enumerate(entries):
            assert len(list(tmp_path.iterdir())) == number
            yield entry

    assert SplitMarkdownExporter(tmp_path).export(stream()) == 3


def test_streaming_reads_match_the_entry_queries_in_small_batches() -> None:
    seed(
        [
            rich_entry(
                created_at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=n),
                tags=(f"t{n % 3}", "shared"),
                person=f"P{n % 2}",
            )
            for n in range(7)
        ]
        + [rich_entry(text="bare", tags=(), urges=(), followups=(), answers={}, person=None)]
    )
    journal = open_journal(resolve_paths())
    with journal.read() as session:
        streamed = list(iter_entries(session, EntryFilter(), batch_size=2))
        listed = list(reversed(list_entries(session, EntryFilter())))
        window = EntryFilter(
            since=datetime(2026, 11, 1, 2, tzinfo=UTC), until=datetime(2026, 11, 1, 4, tzinfo=UTC)
        )
        windowed = list(iter_entries(session, window, batch_size=1))
    journal.close()
    assert streamed == listed
    assert [e.created_at.hour for e in windowed] == [2, 3]


def test_export_refuses_a_file_that_is_not_a_journal(run, tmp_path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a database at all" * 10)
    result = run("--db", str(other), "export")
    assert result.exit_code == 1 and "is not an attachjournal database" in result.stderr
    assert other.read_bytes() == b"not a database at all" * 10
