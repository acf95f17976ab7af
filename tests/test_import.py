"""`attachjournal import`: own JSON round trips, idempotence, all-or-nothing, jrnl files."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from attachjournal.store import bulk
from transfer_helpers import all_entries, db_in, rich_entry, seed

FIXTURE = Path(__file__).parent / "fixtures" / "jrnl" / "journal.json"
SECRET = "a sentence only the journal may know"


def count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    return sqlite3.connect(db_path).execute("SELECT count(*) FROM entries").fetchone()[0]


def export_json(run, *db: str) -> str:
    result = run(*db, "export", "--format", "json")
    assert result.exit_code == 0, result.output
    return result.stdout


def write_doc(path: Path, entries: list[dict], **top: object) -> Path:
    document = {"format": "attachjournal", "version": 1, "entries": entries, **top}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def one_entry(**changes: object) -> dict:
    entry = {
        "uuid": "0b6f0f2e-8d1a-4c4b-9f59-1d2a3b4c5d6e",
        "created_at": "2026-11-03T21:30:00+01:00",
        "updated_at": "2026-11-03T21:30:00+01:00",
        "kind": "note",
        "text": SECRET,
    }
    entry.update(changes)
    return entry


# --- this tool's JSON -----------------------------------------------------------------


def test_export_import_export_gives_the_same_bytes(run, add_entry, tmp_path) -> None:
    seed([rich_entry(), rich_entry(text="second", person="sam", tags=("PHONE",), starred=False)])
    add_entry("written later but dated earlier", "--at", "2026-10-01 09:00", "--tag", "x")
    first = export_json(run)
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    other = db_in(tmp_path, "new-machine")
    result = run("--db", other, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated, 0 already up to date" in result.stdout
    assert export_json(run, "--db", other) == first


def test_importing_the_same_file_twice_adds_nothing(run, tmp_path, db_path) -> None:
    path = write_doc(tmp_path / "in.json", [one_entry()])
    assert run("import", str(path)).exit_code == 0
    again = run("import", str(path))
    assert again.exit_code == 0 and "0 added, 0 updated, 1 already up to date" in again.stdout
    assert count(db_path) == 1


def test_a_newer_updated_at_updates_and_an_older_one_does_not(run, tmp_path) -> None:
    run("import", str(write_doc(tmp_path / "a.json", [one_entry(tags=["old"])])))
    newer = one_entry(
        text="edited on the other machine",
        updated_at="2026-11-05T08:00:00+01:00",
        tags=["new"],
        urges=[{"name": "go quiet", "acted": False}],
        followups=[{"action": "call", "status": "open"}],
    )
    result = run("import", str(write_doc(tmp_path / "b.json", [newer])))
    assert "0 added, 1 updated" in result.stdout
    (entry,) = all_entries()
    assert entry.text == "edited on the other machine" and entry.tags == ("new",)
    assert entry.urges[0].name == "go quiet" and entry.followups[0].action == "call"
    older = one_entry(text="stale copy", updated_at="2026-11-04T08:00:00+01:00")
    run("import", str(write_doc(tmp_path / "c.json", [older])))
    assert all_entries()[0].text == "edited on the other machine"


def test_ids_are_kept_when_free_and_reassigned_when_taken(run, add_entry, tmp_path) -> None:
    add_entry("already here")  # takes id 1
    entries = [
        one_entry(id=1, uuid="00000000-0000-4000-8000-000000000001"),
        one_entry(id=7, uuid="00000000-0000-4000-8000-000000000007"),
    ]
    run("import", str(write_doc(tmp_path / "in.json", entries)))
    ids = {entry.uuid: entry.id for entry in all_entries()}
    assert ids["00000000-0000-4000-8000-000000000007"] == 7
    assert ids["00000000-0000-4000-8000-000000000001"] not in (1, 7)


def test_people_and_tags_match_existing_ones_in_any_case(run, add_entry, tmp_path) -> None:
    add_entry("mine", "--person", "Sam", "--tag", "Phone")
    run("import", str(write_doc(tmp_path / "in.json", [one_entry(person="SAM", tags=["phone"])])))
    people = {entry.person for entry in all_entries()}
    tags = {tag for entry in all_entries() for tag in entry.tags}
    assert people == {"Sam"} and tags == {"Phone"}


BAD_ENTRIES = [
    ({"kind": "diary"}, "unknown `kind`"),
    ({"anxiety": 11}, "`anxiety` to be a whole number from 0 to 10"),
    ({"anxiety": True}, "`anxiety` to be a whole number"),
    ({"style": "sideways"}, "unknown `style`"),
    ({"created_at": "2026-11-03 21:30"}, "`created_at` to be an ISO date and time with a UTC"),
    ({"created_at": "yesterday"}, "`created_at`"),
    ({"text": 5}, "`text` to be text"),
    ({"tags": "a,b"}, "`tags` to be a list"),
    ({"answers": []}, "`answers` to be an object"),
    ({"urges": [{"acted": True}]}, "urge without a `name`"),
    ({"followups": [{"action": "x", "status": "maybe"}]}, "follow-up 1 with an unknown status"),
    ({"followups": [{"action": "x", "due_on": "soon"}]}, "`due_on` is not a date"),
    ({"uuid": "not-a-uuid"}, "needs a `uuid`"),
]


@pytest.mark.parametrize(("change", "problem"), BAD_ENTRIES)
def test_one_bad_entry_fails_the_whole_import_naming_it(
    run, add_entry, tmp_path, db_path, change, problem
) -> None:
    add_entry("before the import")
    good = [one_entry(uuid=f"00000000-0000-4000-8000-00000000000{n}") for n in range(2)]
    bad = one_entry(**{"text": SECRET, **change})
    path = write_doc(tmp_path / "in.json", [*good, bad])
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: entry 3")
    assert problem in result.stderr and "nothing was imported" in result.stderr
    assert SECRET not in result.stderr and "sideways" not in result.stderr
    assert count(db_path) == 1


def test_errors_name_the_uuid_when_there_is_one(run, tmp_path) -> None:
    path = write_doc(tmp_path / "in.json", [one_entry(kind="diary")])
    result = run("import", str(path))
    assert "entry 1 (uuid 0b6f0f2e-8d1a-4c4b-9f59-1d2a3b4c5d6e)" in result.stderr


def test_duplicate_uuids_in_one_file_are_refused(run, tmp_path, db_path) -> None:
    path = write_doc(tmp_path / "in.json", [one_entry(), one_entry()])
    result = run("import", str(path))
    assert result.exit_code == 1 and "entry 2 has the same uuid as entry 1" in result.stderr
    assert count(db_path) == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"format": "attachjournal", "version": 1, "entries": [', "is not valid JSON (line 1"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
        ('{"format": "attachjournal", "version": 2, "entries": []}', "is export version 2"),
        ('{"format": "attachjournal", "entries": []}', "is export version ?"),
        ('{"entries": []}', "is not an attachjournal export"),
        ("[1, 2]", "is not an attachjournal export"),
        ('{"format": "attachjournal", "version": 1, "entries": {}}', "needs an `entries` list"),
        ('{"format": "attachjournal", "version": 1, "entries": [3]}', "entry 1 is not a JSON"),
    ],
)
def test_malformed_files_are_exit_1_and_change_nothing(
    run, add_entry, tmp_path, db_path, content, problem
) -> None:
    add_entry("kept")
    path = tmp_path / "in.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error:") and problem in result.stderr
    assert count(db_path) == 1


def test_a_jrnl_file_imported_as_json_hints_at_the_format(run) -> None:
    result = run("import", str(FIXTURE))
    assert result.exit_code == 1 and "--format jrnl" in result.stderr


def test_missing_file_and_folder_are_exit_1(run, tmp_path, journal_home) -> None:
    missing = run("import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1 and "no file at" in missing.stderr
    folder = run("import", str(tmp_path))
    assert folder.exit_code == 1 and "is a folder" in folder.stderr
    assert not journal_home.exists()  # a failed import doesn't even create a journal


def test_bad_format_option_is_a_usage_error(run, tmp_path) -> None:
    result = run("import", str(tmp_path / "x.json"), "--format", "csv")
    assert result.exit_code == 2


def test_ctrl_c_in_the_middle_leaves_the_journal_as_it_was(
    run, add_entry, tmp_path, db_path, monkeypatch
) -> None:
    add_entry("kept")
    entries = [one_entry(uuid=f"00000000-0000-4000-8000-00000000000{n}") for n in range(5)]
    path = write_doc(tmp_path / "in.json", entries)
    real_add = bulk._Importer.add
    calls = []

    def interrupted(self, item):
        calls.append(item)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_add(self, item)

    monkeypatch.setattr(bulk._Importer, "add", interrupted)
    result = run("import", str(path))
    assert result.exit_code == 130 and len(calls) == 3
    assert count(db_path) == 1


def test_a_database_failure_rolls_everything_back(
    run, add_entry, tmp_path, db_path, monkeypatch
) -> None:
    add_entry("kept")
    entries = [one_entry(uuid=f"00000000-0000-4000-8000-00000000000{n}") for n in range(3)]
    path = write_doc(tmp_path / "in.json", entries)
    real_children = bulk._Importer.children

    def failing(self, entry_id, item):
        real_children(self, entry_id, item)
        if item.entry.uuid.endswith("2"):
            self.conn.execute("INSERT INTO entries (id) VALUES (NULL)")  # violates NOT NULL

    monkeypatch.setattr(bulk._Importer, "children", failing)
    result = run("import", str(path))
    assert result.exit_code == 1 and "could not be written" in result.stderr
    assert "NOT NULL" in result.stderr
    assert count(db_path) == 1


# --- jrnl -----------------------------------------------------------------------------


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_jrnl_import_maps_text_times_tags_and_stars(run, berlin, db_path) -> None:
    result = run("import", str(FIXTURE), "--format", "jrnl")
    assert result.exit_code == 0, result.output
    assert "5 added" in result.stdout
    entries = all_entries()
    raw = json.loads(FIXTURE.read_text(encoding="utf-8"))["entries"]
    assert [e.text for e in entries] == [f"{r['title']}\n{r['body']}" for r in raw]
    assert all(e.kind == "note" for e in entries)
    utc = [e.created_at.astimezone(UTC) for e in entries]
    # 02:30 on 30 Mar 2025 doesn't exist in Berlin: the clocks went from 02:00 to 03:00.
    assert utc[0] == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)
    # 02:30 on 26 Oct 2025 happened twice; the first (summer time, +02:00) is taken.
    assert utc[1] == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert utc[2] == datetime(2025, 11, 2, 20, 15, tzinfo=UTC)
    starred = entries[2]
    assert starred.starred and starred.tags == ("need", "sam", "starred")
    assert "# What happened" in starred.text and "\n---\n" in starred.text
    assert entries[3].tags == ("notatag", "secure")
    assert "Café am Morgen — zurückhaltend" in entries[3].text and "🙂" in entries[3].text
    assert not any(e.starred for e in entries if e is not starred)


def test_jrnl_import_twice_adds_nothing(run, db_path) -> None:
    run("import", str(FIXTURE), "--format", "jrnl")
    again = run("import", str(FIXTURE), "--format", "jrnl")
    assert again.exit_code == 0 and "0 added, 0 updated, 5 already up to date" in again.stdout
    assert count(db_path) == 5


def test_jrnl_times_are_read_in_the_local_zone(run) -> None:
    run("import", str(FIXTURE), "--format", "jrnl")  # TZ=UTC in tests
    assert all_entries()[2].created_at == datetime(2025, 11, 2, 21, 15, tzinfo=UTC)


def test_a_bad_jrnl_entry_is_named(run, tmp_path, db_path) -> None:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["entries"][1]["date"] = "26/10/2025"
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", str(path), "--format", "jrnl")
    assert result.exit_code == 1 and "entry 2 needs `date` like 2026-11-03" in result.stderr
    assert count(db_path) == 0


def test_identical_jrnl_entries_are_kept_once(run, tmp_path, db_path) -> None:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["entries"].append(dict(document["entries"][4]))
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", str(path), "--format", "jrnl")
    assert result.exit_code == 0 and "5 added" in result.stdout
    assert count(db_path) == 5


def test_jrnl_file_without_entries_list_is_refused(run, tmp_path) -> None:
    path = tmp_path / "jrnl.json"
    path.write_text('{"tags": {}}', encoding="utf-8")
    result = run("import", str(path), "--format", "jrnl")
    assert result.exit_code == 1 and "is not a jrnl JSON export" in result.stderr


def test_empty_file_says_so(run, tmp_path) -> None:
    path = write_doc(tmp_path / "in.json", [])
    result = run("import", str(path))
    assert result.exit_code == 0 and "has no entries; nothing was imported" in result.stdout


# --- the installed console script -----------------------------------------------------


@pytest.mark.slow
def test_console_script_moves_a_journal_to_a_new_machine(script_env, tmp_path) -> None:
    import subprocess
    import sys

    script = Path(sys.executable).with_name("attachjournal")

    def aj(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args],
            input=input,
            env=script_env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert aj("import", str(FIXTURE), "--format", "jrnl").returncode == 0
    assert aj("write", "--person", "Sam", "--tag", "Ä", input="one more\n").returncode == 0
    backup = tmp_path / "out" / "journal.json"
    exported = aj("export", "--format", "json", "--output", str(backup))
    assert exported.returncode == 0, exported.stderr
    assert backup.stat().st_mode & 0o777 == 0o600
    other = str(tmp_path / "new-machine" / "journal.db")
    restored = aj("--db", other, "import", str(backup))
    assert restored.returncode == 0 and "6 added" in restored.stdout
    again = aj("--db", other, "export", "--format", "json")
    assert again.stdout == backup.read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "attachjournal", "version": 1, "entries": [{}]}')
    failed = aj("--db", other, "import", str(broken))
    assert failed.returncode == 1 and failed.stderr.startswith("Error: ")
    assert "Traceback" not in failed.stderr
