"""`attachjournal export --brief`: the short page to bring to a therapy session."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta

from attachjournal import migrations
from attachjournal.brief import BriefBuilder, excerpt, render_brief
from attachjournal.config import resolve_paths
from attachjournal.records import EntryRecord, FollowUp, Urge
from attachjournal.store import open_journal
from attachjournal.store.briefs import record_brief
from transfer_helpers import rich_entry, seed


def ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def briefs_made(db_path) -> int:
    return sqlite3.connect(db_path).execute("SELECT count(*) FROM briefs").fetchone()[0]


def record(**changes: object) -> EntryRecord:
    values: dict[str, object] = {
        "id": 1,
        "uuid": "u",
        "created_at": datetime(2026, 11, 3, 20, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 3, 20, 0, tzinfo=UTC),
        "kind": "reflection",
        "text": "text",
    }
    values.update(changes)
    return EntryRecord(**values)  # type: ignore[arg-type]


def test_default_period_is_the_last_two_weeks(run, db_path) -> None:
    seed([rich_entry(created_at=ago(3), text="recent"), rich_entry(created_at=ago(20))])
    result = run("export", "--brief")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("# Notes for my next session")
    assert "(the last two weeks) · 1 journal entry*" in page
    assert "not a test or a diagnosis" in page
    assert briefs_made(db_path) == 1


def test_next_brief_starts_where_the_last_one_ended(run, db_path) -> None:
    seed(
        [
            rich_entry(created_at=ago(6), answers={"open_question": "before the last brief"}),
            rich_entry(created_at=ago(1), answers={"open_question": "after the last brief"}),
        ]
    )
    journal = open_journal(resolve_paths())
    with journal.write() as session:
        record_brief(session, ago(3), ago(17), ago(3))
    journal.close()
    page = run("export", "--brief").stdout
    assert "(since my last brief) · 1 journal entry*" in page
    assert "after the last brief" in page and "before the last brief" not in page


def test_making_it_twice_in_a_day_covers_the_same_period(run) -> None:
    seed([rich_entry(created_at=ago(2))])
    first = run("export", "--brief")
    second = run("export", "--brief")
    assert first.stdout == second.stdout and "1 journal entry" in second.stdout


def test_since_chooses_the_period_and_output_is_private(run, tmp_path) -> None:
    seed([rich_entry(created_at=ago(30), text="a month ago"), rich_entry(created_at=ago(1))])
    target = tmp_path / "brief" / "session.md"
    since = (datetime.now() - timedelta(days=40)).strftime("%Y-%m-%d")
    result = run("export", "--brief", "--since", since, "--output", str(target))
    assert result.exit_code == 0 and f"Wrote the brief to {target}." in result.stdout
    page = target.read_text(encoding="utf-8")
    assert "(the period I chose) · 2 journal entries*" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_nothing_to_brief_is_friendly_and_not_remembered(run, db_path) -> None:
    seed([rich_entry(created_at=ago(40))])
    result = run("export", "--brief")
    assert result.exit_code == 0 and result.stdout == ""
    assert "there is nothing to brief yet" in result.stderr
    assert briefs_made(db_path) == 0


def test_week_figures_come_from_the_entries(run) -> None:
    monday = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    seed(
        [
            rich_entry(created_at=monday, anxiety=8, avoidance=1),
            rich_entry(
                created_at=monday + timedelta(days=1),
                anxiety=5,
                avoidance=None,
                urges=(Urge("go quiet", False),),
                followups=(FollowUp(None, "call", None, "open"),),
            ),
            rich_entry(created_at=monday + timedelta(days=8), anxiety=2, avoidance=4, urges=()),
        ]
    )
    page = run("export", "--brief", "--since", "2026-11-01", "--until", "2026-11-15").stdout
    assert "| 2026-W45 (from 02 Nov) | 2 | 6.5 | 1.0 | 3 | 1 | 2 | 1 |" in page
    assert "| 2026-W46 (from 09 Nov) | 1 | 2.0 | 4.0 | 0 | 0 | 1 | 1 |" in page


def test_stand_out_moments_are_starred_first_then_most_intense() -> None:
    builder = BriefBuilder(UTC)
    for number, (starred, anxiety) in enumerate(
        [(False, 2), (True, 1), (False, 9), (False, 0), (False, 7), (False, 8), (False, 3)]
    ):
        builder.add(
            record(
                id=number,
                starred=starred,
                anxiety=anxiety,
                text=f"moment {number}",
                created_at=datetime(2026, 11, 3, tzinfo=UTC) + timedelta(hours=number),
            )
        )
    brief = builder.build(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 9, tzinfo=UTC), "x")
    assert [m.excerpt for m in brief.stand_outs] == ["moment 1", "moment 2", "moment 4", "moment 5"]
    page = render_brief(brief, UTC)
    assert "- **★ Tue 03 Nov** (anxiety 1): moment 1" in page


def test_recurring_words_are_counted_in_the_persons_own_spelling() -> None:
    builder = BriefBuilder(UTC)
    beliefs = ["I'm too much.", "i'm  too much", "Nobody stays.", "I'm too much"]
    for number, belief in enumerate(beliefs):
        builder.add(record(id=number, answers={"belief": belief, "need": f"need {number}"}))
    page = render_brief(
        builder.build(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 9, tzinfo=UTC), "x"),
        UTC,
    )
    assert "- “I'm too much.” (3 times)\n- “Nobody stays.”" in page
    assert page.count("- “need") == 4


def test_steps_and_questions_show_how_they_went(run) -> None:
    seed(
        [
            rich_entry(
                created_at=ago(2),
                followups=(
                    FollowUp(None, "Ask for a call", date.today(), "done", "It helped"),
                    FollowUp(None, "Say it plainly", None, "not_done", "I froze"),
                    FollowUp(None, "Stay ten minutes", None, "open"),
                ),
                answers={"open_question": "Why does silence feel like a verdict?"},
            )
        ]
    )
    page = run("export", "--brief").stdout
    assert "- ✓ Ask for a call (planned " in page and "done — It helped" in page
    assert "- ✗ Say it plainly" in page and "didn't happen — I froze" in page
    assert "- … Stay ten minutes" in page and "not checked yet" in page
    assert (
        "## Questions I marked for the session\n\n- Why does silence feel like a verdict?" in page
    )


def test_a_busy_fortnight_still_reads_in_five_minutes(run) -> None:
    entries = []
    for number in range(200):
        entries.append(
            rich_entry(
                created_at=ago(13) + timedelta(hours=number * 1.5),
                text="word " * 300,
                answers={
                    "belief": f"belief {number % 20}",
                    "need": f"need {number}",
                    "balanced_thought": f"thought {number}",
                    "open_question": f"question {number}",
                },
                followups=(FollowUp(None, f"step {number}", None, "done", "fine"),),
            )
        )
    seed(entries)
    page = run("export", "--brief").stdout
    assert len(page.split()) < 1000  # about five minutes at a calm reading pace
    assert "200 journal entries" in page and "earlier steps in the journal" in page


def test_excerpt_prefers_the_situation_and_cuts_at_a_word() -> None:
    long = record(text="ignored", answers={"situation": "one two three " * 40})
    cut = excerpt(long, 30)
    assert cut == "one two three one two three …"
    assert excerpt(record(text="  short\n text ")) == "short text"


def test_an_older_journal_is_upgraded_with_a_place_for_briefs(run, db_path) -> None:
    db_path.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN")
    for statement in migrations.M001_STATEMENTS:
        conn.execute(statement)
    conn.execute(
        "CREATE TABLE schema_migrations (name VARCHAR NOT NULL PRIMARY KEY, "
        "applied_at VARCHAR(20) NOT NULL)"
    )
    conn.execute("INSERT INTO schema_migrations VALUES ('m001_initial_schema', 'x')")
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    seed([rich_entry(created_at=ago(1))])
    assert run("export", "--brief").exit_code == 0
    assert briefs_made(db_path) == 1
