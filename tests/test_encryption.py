"""Encryption at rest with SQLCipher: encrypt / decrypt, passphrases, and what leaks.

Skipped only when the `encrypt` extra (sqlcipher3) can't be installed; the README's test
command installs it, so CI runs these.
"""

from __future__ import annotations

import getpass
import io
import sqlite3
import sys
from pathlib import Path

import pytest

from attachjournal import crypto, db, migrations
from attachjournal.errors import StorageError

pytest.importorskip("sqlcipher3", reason="the encrypt extra (sqlcipher3) is not installed")

PASSPHRASE = "blue valentine's ünï 42"
SECRETS = ("Sam never answered my message", "Alexandra", "jealousy-spiral")
SCRIPT = Path(sys.executable).with_name("attachjournal")


@pytest.fixture(autouse=True)
def forget_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts like a fresh process: no passphrase remembered."""
    monkeypatch.setattr(crypto, "_REMEMBERED", {})


@pytest.fixture
def journal(run, add_entry, db_path: Path) -> Path:
    add_entry(SECRETS[0], "--person", SECRETS[1], "--tag", SECRETS[2], "--anxiety", "8")
    add_entry("A calmer evening.")
    return db_path


def encrypt(run, monkeypatch: pytest.MonkeyPatch, passphrase: str = PASSPHRASE):
    monkeypatch.setenv("ATTACHJOURNAL_PASSPHRASE", passphrase)
    return run("encrypt")


def texts(run) -> list[str]:
    import json

    result = run("list", "--json")
    assert result.exit_code == 0, result.stderr
    return [entry["text"] for entry in json.loads(result.stdout)]


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_encrypted_file_holds_no_entry_text_and_round_trips(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = encrypt(run, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert "Encrypted" in result.stdout
    assert not journal.read_bytes().startswith(db.SQLITE_MAGIC)
    raw = b"".join(p.read_bytes() for p in journal.parent.glob("journal.db*"))
    for secret in SECRETS:
        assert secret.encode() not in raw
    assert not list(journal.parent.glob(".journal.db.converting*"))
    # Ordinary commands work with the passphrase, including writing.
    assert texts(run) == ["A calmer evening.", SECRETS[0]]
    assert run("write", "Written while encrypted.").exit_code == 0
    # While open, the side files are encrypted too.
    j = __import__("attachjournal.store", fromlist=["open_journal"]).open_journal(
        __import__("attachjournal.config", fromlist=["resolve_paths"]).resolve_paths()
    )
    with j.write() as session:
        session.connection().exec_driver_sql("UPDATE entries SET text = text || ' (wal)'")
        wal = Path(f"{journal}-wal")
        assert wal.exists() and b"(wal)" not in wal.read_bytes()
    j.close()
    result = run("decrypt")
    assert result.exit_code == 0, result.stderr
    assert journal.read_bytes().startswith(db.SQLITE_MAGIC)
    monkeypatch.delenv("ATTACHJOURNAL_PASSPHRASE")
    assert len(texts(run)) == 3
    conn = sqlite3.connect(journal)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_wrong_passphrase_is_an_error_and_changes_nothing(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypt(run, monkeypatch)
    before = journal.read_bytes()
    monkeypatch.setenv("ATTACHJOURNAL_PASSPHRASE", "not it")
    for command in (("list",), ("decrypt",), ("write", "more"), ("backup",)):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stderr.startswith("Error: ") and "passphrase is wrong" in result.stderr
        assert "Traceback" not in result.stderr and "ERROR CORE" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2
    assert journal.read_bytes() == before


def test_without_a_passphrase_or_terminal_the_message_says_what_to_do(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypt(run, monkeypatch)
    monkeypatch.delenv("ATTACHJOURNAL_PASSPHRASE")
    result = run("list")
    assert result.exit_code == 1
    assert "encrypted journal" in result.stderr and "ATTACHJOURNAL_PASSPHRASE" in result.stderr


def test_passphrase_typed_on_a_terminal(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter([PASSPHRASE, PASSPHRASE, "different"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.setattr(crypto, "can_prompt", lambda: True)
    assert run("encrypt").exit_code == 0
    assert prompts == ["New passphrase: ", "Type it again: "]
    monkeypatch.setattr(crypto, "ask_passphrase", _typed("different"))
    result = run("list")
    assert result.exit_code == 1 and "passphrase is wrong" in result.stderr


def _typed(value: str):
    def ask(prompt: str, confirm: bool = False, why: str = "") -> str:
        return value

    return ask


def test_two_different_passphrases_when_encrypting_change_nothing(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["one", "two"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    monkeypatch.setattr(crypto, "can_prompt", lambda: True)
    before = journal.read_bytes()
    result = run("encrypt")
    assert result.exit_code == 2 and "differ" in result.stderr
    assert journal.read_bytes() == before


@pytest.mark.slow
def test_the_passphrase_prompt_does_not_echo(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch, script_env: dict[str, str]
) -> None:
    pexpect = pytest.importorskip("pexpect")
    encrypt(run, monkeypatch)
    child = pexpect.spawn(
        str(SCRIPT), ["list"], env=script_env, encoding="utf-8", timeout=30, dimensions=(40, 120)
    )
    child.logfile_read = io.StringIO()  # everything the terminal showed
    child.expect("Passphrase for")
    child.sendline(PASSPHRASE)
    child.expect("A calmer evening")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = child.logfile_read.getvalue()
    assert "Passphrase for" in shown and SECRETS[0][:20] in shown
    assert "valentine" not in shown


def test_the_command_line_loads_sqlcipher_only_when_needed(script_env: dict[str, str]) -> None:
    import subprocess

    probe = "import sys, attachjournal.cli; print('sqlcipher3' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], env=script_env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "False", done.stderr


def test_a_failed_verification_leaves_the_journal_as_it_was(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_digest = crypto._digest
    before = real_digest(sqlite3.connect(journal))
    digests = iter(["a", "b"])
    monkeypatch.setattr(crypto, "_digest", lambda conn, schema="main": next(digests))
    result = encrypt(run, monkeypatch)
    assert result.exit_code == 1 and "differs" in result.stderr
    # Every row is as it was (only SQLite's header counters moved), still plain and WAL.
    assert real_digest(sqlite3.connect(journal)) == before
    assert journal.read_bytes().startswith(db.SQLITE_MAGIC)
    assert not list(journal.parent.glob(".journal.db.converting*"))
    assert len(texts(run)) == 2
    assert sqlite3.connect(journal).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_command_that_opened_the_journal_before_a_conversion_saves_nothing(
    journal: Path, tmp_path: Path
) -> None:
    from attachjournal.config import resolve_paths
    from attachjournal.store import open_journal

    opened_before = open_journal(resolve_paths())
    crypto.convert(journal, None, PASSPHRASE)
    with pytest.raises(StorageError), opened_before.write():
        pass
    # Same when the file was swapped for another valid journal (a restore, a decrypt):
    # the write lock is taken on the new file, but the check notices the swap.
    opened_before.close()
    crypto.convert(journal, PASSPHRASE, None)
    opened_before = open_journal(resolve_paths())
    copy = tmp_path / "copy.db"
    db.copy_database(journal, copy)
    copy.replace(journal)
    with pytest.raises(StorageError, match="replaced"), opened_before.write():
        pass
    opened_before.close()


def test_backups_of_an_encrypted_journal_are_encrypted(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch, journal_home: Path
) -> None:
    assert run("backup").exit_code == 0  # a plain backup from before
    result = encrypt(run, monkeypatch)
    assert "1 earlier backup(s)" in result.stdout and "not encrypted" in result.stdout
    result = run("backup")
    assert result.exit_code == 0 and "encrypted with the journal's passphrase" in result.stdout
    newest = max((journal_home / "backups").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    assert SECRETS[0].encode() not in newest.read_bytes()
    conn = crypto.connect(newest, PASSPHRASE)
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    conn.close()


def test_an_encrypted_journal_is_backed_up_encrypted_before_an_upgrade(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crypto.convert(journal, None, PASSPHRASE)

    def m999_mood(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE entries ADD mood")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, ("m999", m999_mood)))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(migrations.MIGRATIONS))
    db.prepare(journal, tmp_path / "backups", PASSPHRASE)
    [copy] = (tmp_path / "backups").iterdir()
    assert not copy.read_bytes().startswith(db.SQLITE_MAGIC)
    conn = crypto.connect(copy, PASSPHRASE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION - 1
    conn.close()


def test_already_encrypted_and_not_encrypted_are_clear_errors(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("decrypt")
    assert result.exit_code == 1 and "not encrypted" in result.stderr
    encrypt(run, monkeypatch)
    result = run("encrypt")
    assert result.exit_code == 1 and "already encrypted" in result.stderr


def test_without_the_extra_the_message_says_what_to_install(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypt(run, monkeypatch)
    monkeypatch.setattr(db, "sqlcipher_installed", lambda: False)
    for name in [m for m in sys.modules if m.startswith("sqlcipher3")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    for command in ("list", "encrypt", "decrypt"):
        result = run(command)
        assert result.exit_code == 1, command
        assert "pip install 'attachjournal[encrypt]'" in result.stderr, command


def test_the_write_lock_is_held_until_the_converted_file_is_in_place(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    probe = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
        "try:\n"
        "    conn.execute('BEGIN IMMEDIATE')\n"
        "    print('got the lock')\n"
        "except sqlite3.OperationalError as exc:\n"
        "    print(exc)\n"
    )
    seen: list[str] = []
    real_digest = crypto._digest

    def digest_and_probe(conn, schema="main"):
        # Verification runs after the export's own connection was closed: another
        # process must still be unable to write.
        done = subprocess.run(
            [sys.executable, "-c", probe, str(journal)], capture_output=True, text=True
        )
        seen.append(done.stdout.strip())
        return real_digest(conn, schema)

    monkeypatch.setattr(crypto, "_digest", digest_and_probe)
    crypto.convert(journal, None, PASSPHRASE)
    assert seen and all(line == "database is locked" for line in seen), seen


def test_the_passphrase_is_asked_once_per_command(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attachjournal.config import resolve_paths
    from attachjournal.store import open_journal, unlock

    encrypt(run, monkeypatch)
    monkeypatch.delenv("ATTACHJOURNAL_PASSPHRASE")
    answers = iter(["wrong", PASSPHRASE])
    asked: list[str] = []

    def ask(prompt: str, confirm: bool = False, why: str = "") -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(crypto, "ask_passphrase", ask)
    with pytest.raises(StorageError, match="passphrase is wrong"):
        unlock(resolve_paths())
    assert crypto.remembered(journal) is None  # a wrong one is not kept
    assert unlock(resolve_paths()) == PASSPHRASE
    for _ in range(2):  # later opens (any thread) reuse it without asking
        open_journal(resolve_paths()).close()
    assert len(asked) == 2


def test_every_reading_and_writing_command_works_on_an_encrypted_journal(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    from typer.main import get_command

    from attachjournal.cli import app

    commands = get_command(app).commands  # type: ignore[attr-defined]
    encrypt(run, monkeypatch)
    for args in (("week",), ("patterns",), ("info",), ("show", "1")):
        if args[0] in commands:
            result = run(*args)
            assert result.exit_code == 0, (args, result.stderr)
    if "export" not in commands:
        return
    exported = tmp_path / "out.json"
    result = run("export", "--format", "json", "--output", str(exported))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(exported.read_text())["entries"]) == 2
    result = run("import", str(exported))
    assert result.exit_code == 0, result.stderr
    assert len(texts(run)) == 2  # the same entries again add nothing
    assert SECRETS[0].encode() not in journal.read_bytes()


@pytest.mark.slow
def test_a_guided_checkin_in_a_terminal_works_on_an_encrypted_journal(
    run, journal: Path, monkeypatch: pytest.MonkeyPatch, script_env: dict[str, str]
) -> None:
    """The flows read people, drafts and follow-ups before SQLModel loads: on an encrypted
    journal they must ask for the passphrase first, never read it as plain SQLite."""
    pexpect = pytest.importorskip("pexpect")
    assert encrypt(run, monkeypatch).exit_code == 0
    env = {**script_env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "TZ": "UTC"}
    env.pop("ATTACHJOURNAL_PASSPHRASE", None)
    child = pexpect.spawn(
        str(SCRIPT), ["checkin"], env=env, encoding="utf-8", timeout=60, dimensions=(40, 100)
    )
    child.expect("(?i)passphrase")
    child.sendline(PASSPHRASE)
    child.expect("how much worry")
    child.send("4\r")
    child.expect("pull to keep your distance")
    child.send("6\r")
    child.expect("someone in particular")
    child.send("\r")
    child.expect("One line about today")
    child.send("Encrypted and still fine.\r")
    child.expect("Saved entry")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    monkeypatch.setenv("ATTACHJOURNAL_PASSPHRASE", PASSPHRASE)
    assert "Encrypted and still fine." in texts(run)
    assert b"Encrypted and still fine." not in all_bytes(journal.parent)
