"""Every kind of bad input, against the installed console script.

Each case runs `attachjournal` in a real subprocess and checks: the exit code from the
contract, an `Error:` first line that names the problem, a second line at most, the words
that say what would be accepted, no traceback, no entry text echoed back, and every file
of the journal (and of the bad `--db` target) byte-identical afterwards.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import pytest
import typer.main

from attachjournal.cli import app

SCRIPT = Path(sys.executable).with_name("attachjournal")
SECRET = "SECRET-ENTRY-TEXT about Sam"
COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
DATE_HELP = "try 2026-11-03"
STYLE_HELP = "anxious, avoidant, fearful, secure"
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    code: int
    says: tuple[str, ...]  # all must appear in stderr: the problem and what is accepted
    stdin: bytes = SECRET.encode()
    bad_db: str | None = None  # a builder from BAD_DBS, passed as --db
    files: tuple[tuple[str, bytes], ...] = ()  # made in the home folder first
    extra: dict[str, str] = field(default_factory=dict)


def _random_bytes(path: Path, size: int) -> None:
    path.write_bytes(random.Random(size).randbytes(size))


def _copy_journal(journal: Path, path: Path, mangle: Callable[[bytearray], bytes]) -> None:
    path.write_bytes(mangle(bytearray(journal.read_bytes())))


def _garbage_after_page_one(data: bytearray) -> bytes:
    data[4096:] = random.Random(7).randbytes(len(data) - 4096)
    return bytes(data)


def _bad_header(data: bytearray) -> bytes:
    data[16:24] = b"\xff" * 8  # page size and format bytes
    return bytes(data)


def _someone_elses(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('their data')")
    conn.commit()
    conn.close()


BAD_DBS: dict[str, Callable[[Path, Path], Path]] = {
    "random-bytes": lambda j, d: (_random_bytes(d / "noise.db", 5000), d / "noise.db")[1],
    "random-pages": lambda j, d: (_random_bytes(d / "pages.db", 8192), d / "pages.db")[1],
    "other-sqlite": lambda j, d: (_someone_elses(d / "other.db"), d / "other.db")[1],
    "truncated": lambda j, d: (
        _copy_journal(j, d / "cut.db", lambda b: bytes(b[: 4096 + 2048])),
        d / "cut.db",
    )[1],
    "corrupted": lambda j, d: (
        _copy_journal(j, d / "bad.db", _garbage_after_page_one),
        d / "bad.db",
    )[1],
    "bad-header": lambda j, d: (_copy_journal(j, d / "hdr.db", _bad_header), d / "hdr.db")[1],
    "folder": lambda j, d: (d / "a-folder").resolve() if (d / "a-folder").mkdir() is None else d,
    "under-a-file": lambda j, d: (
        (d / "plain-file").write_text("x"),
        d / "plain-file" / "journal.db",
    )[1],
}
ENCRYPTED_HINT = "passphrase" if find_spec("sqlcipher3") else "pip install 'attachjournal[encrypt]'"
DB_SAYS = {
    "random-bytes": ("not an attachjournal database", "not an SQLite file", "Give --db"),
    "random-pages": ("encrypted journal", ENCRYPTED_HINT),
    "other-sqlite": ("another program", "left untouched", "Give --db"),
    "truncated": ("malformed", "backups"),
    "corrupted": ("malformed", "backups"),
    "bad-header": ("not a database", "backups"),
    "folder": ("is a folder", "file path"),
    "under-a-file": ("Not a directory", "folder you can write to"),
}

CASES = [
    Case("unknown style", ("write", "--style", "clingy"), 2, ("'clingy'", STYLE_HELP)),
    Case("unknown style in list", ("list", "--style", "nope"), 2, ("'nope'", STYLE_HELP)),
    Case("rating too high", ("write", "--anxiety", "11"), 2, ("'11'", "from 0 to 10")),
    Case("rating negative", ("write", "--avoidance", "-1"), 2, ("'-1'", "from 0 to 10")),
    Case("rating not a number", ("write", "--anxiety", "lots"), 2, ("'lots'", "0 to 10")),
    Case("rating not whole", ("edit", "1", "--avoidance", "3.5"), 2, ("'3.5'", "0 to 10")),
    Case("unparseable date", ("list", "--since", "someday"), 2, ("'someday'", DATE_HELP)),
    Case("impossible date", ("write", "--at", "2026-02-30"), 2, ("'2026-02-30'", DATE_HELP)),
    Case("impossible month", ("list", "--on", "2026-13-01"), 2, ("'2026-13-01'", DATE_HELP)),
    Case("impossible time", ("list", "--until", "2026-11-03 25:99"), 2, ("25:99", DATE_HELP)),
    Case(
        "since after until",
        ("list", "--since", "2026-11-10", "--until", "2026-11-01"),
        2,
        ("'2026-11-10'", "after", "'2026-11-01'"),
    ),
    Case("missing id", ("show", "999"), 1, ("no entry with id 999", "`attachjournal list`")),
    Case("missing id to edit", ("edit", "999", "--style", "secure"), 1, ("id 999", "list")),
    Case("missing id to delete", ("delete", "999", "--yes"), 1, ("id 999", "list")),
    Case("id not a number", ("show", "abc"), 2, ("'abc'", "whole number")),
    Case("delete without --yes off a terminal", ("delete", "1"), 2, ("confirmation", "--yes")),
    Case("empty entry", ("write",), 1, ("empty", "nothing was saved"), stdin=b""),
    Case("blank entry", ("write",), 1, ("empty",), stdin=b"  \n\t \n"),
    Case(
        "10 MB entry",
        ("write",),
        2,
        ("MB", "at most 1 MB", "Split it"),
        stdin=SECRET.encode() + b"x" * 10_000_000,
    ),
    Case(
        "invalid UTF-8",
        ("write",),
        2,
        ("not valid UTF-8", "iconv"),
        stdin=SECRET.encode() + b" \xff\xfe\xc3(",
    ),
    Case("invalid UTF-8 to edit", ("edit", "1"), 2, ("UTF-8",), stdin=b"\xff" + SECRET.encode()),
    Case("empty edit", ("edit", "1"), 1, ("empty",), stdin=b""),
    Case("unknown option", ("list", "--colour"), 2, ("--colour", "--help")),
    Case("unknown command", ("wrtie",), 2, ("wrtie",)),
    Case("backup over a file", ("backup", "{home}/journal.db"), 1, ("already exists", "new")),
    Case(
        "backup into a missing folder",
        ("backup", "{home}/no/such/copy.db"),
        1,
        ("does not exist", "existing folder"),
    ),
    Case("decrypt a plain journal", ("decrypt",), 1, ("not encrypted", "encrypt")),
    Case(
        "encrypt without a passphrase or terminal",
        ("encrypt",),
        1,
        ("passphrase" if find_spec("sqlcipher3") else "pip install 'attachjournal[encrypt]'",),
    ),
    Case("week that does not exist", ("week", "2026-W60"), 2, ("'2026-W60'", DATE_HELP)),
    Case("week phrase", ("week", "nonsense"), 2, ("'nonsense'", DATE_HELP)),
    Case("patterns date", ("patterns", "--since", "someday"), 2, ("'someday'", DATE_HELP)),
    Case("unknown template", ("prompts", "show", "nope"), 2, ("'nope'", "prompts list")),
    Case("unknown style to learn", ("learn", "clingy"), 2, ("'clingy'", STYLE_HELP)),
    Case("unknown template to reflect", ("reflect", "--template", "nope"), 2, ("'nope'",)),
    Case("export format", ("export", "--format", "docx"), 2, ("'docx'", "markdown")),
    Case("export date", ("export", "--since", "someday"), 2, ("'someday'", DATE_HELP)),
    Case("import missing file", ("import", "{home}/nope.json"), 1, ("nope.json",)),
    Case(
        "import bytes that are not text",
        ("import", "{home}/garbage.json"),
        1,
        ("garbage.json", "not UTF-8", "nothing was imported"),
        files=(("garbage.json", b"\xff\xfe" + SECRET.encode()),),
    ),
    Case(
        "import broken JSON",
        ("import", "{home}/cut.json"),
        1,
        ("cut.json", "not valid JSON", "nothing was imported"),
        files=(("cut.json", b'{"format": "attachjournal", "entries": [{"text": "SECRET-ENTRY'),),
    ),
    Case(
        "import someone else's JSON",
        ("import", "{home}/other.json"),
        1,
        ("not an attachjournal export", "--format jrnl"),
        files=(("other.json", b'{"format": "other"}'),),
    ),
    Case("import a folder", ("import", "{home}"), 1, ("is a folder",)),
    Case("import format", ("import", "{home}/x.json", "--format", "csv"), 2, ("'csv'", "'jrnl'")),
    Case("export split without a folder", ("export", "--split"), 2, ("--split", "--output")),
    Case("followup missing id", ("followup", "999", "--done"), 1, ("999",)),
]
CASES += [
    Case(f"--db {kind} (write)", ("write",), 1, DB_SAYS[kind], bad_db=kind) for kind in BAD_DBS
]
CASES += [
    Case(f"--db {kind} (list)", ("list",), 1, DB_SAYS[kind], bad_db=kind)
    for kind in ("random-bytes", "other-sqlite", "corrupted", "truncated")
]
CASES += [
    Case(f"--db {kind} (backup)", ("backup",), 1, DB_SAYS[kind], bad_db=kind)
    for kind in ("folder", "other-sqlite", "bad-header")
]


def isolated_env(home: Path, scratch: Path) -> dict[str, str]:
    """The environment for one run: its own journal home, a fake HOME and XDG folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTACHJOURNAL_")}
    env.update(ATTACHJOURNAL_HOME=str(home), HOME=str(scratch), TZ="UTC", COLUMNS="100")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(scratch / var.lower())
    return env


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with one entry, made once by the real command and copied per case."""
    root = tmp_path_factory.mktemp("seed")
    home = root / "home"
    done = subprocess.run(
        [str(SCRIPT), "write", "--person", "Sam"],
        input=b"A first entry.",
        env=isolated_env(home, root),
    )
    assert done.returncode == 0
    assert sorted(p.name for p in home.iterdir()) == ["journal.db"]
    return home


def snapshot(*roots: Path) -> dict[str, bytes | None]:
    """Every file under the roots with its bytes (folders as None)."""
    found: dict[str, bytes | None] = {}
    for root in roots:
        if root.is_file():
            found[str(root)] = root.read_bytes()
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                found[str(path)] = path.read_bytes() if path.is_file() else None
        else:
            found[str(root)] = b"<absent>"
    return found


def run_script(
    args: tuple[str, ...], stdin: bytes, env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(SCRIPT), *args], input=stdin, env=env, capture_output=True, timeout=120, **kwargs
    )


def assert_clean_error(
    done: subprocess.CompletedProcess[bytes], code: int, says: tuple[str, ...]
) -> None:
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == code, err
    lines = err.strip().splitlines()
    assert lines and lines[0].startswith("Error: "), err
    assert len(lines) <= 2, err
    assert "Traceback" not in err and "sqlalchemy" not in err.lower(), err
    for words in says:
        assert words in err, f"{words!r} missing from {err!r}"
    assert "SECRET-ENTRY-TEXT" not in err and "SECRET-ENTRY-TEXT" not in out


@dataclass
class Outcome:
    done: subprocess.CompletedProcess[bytes]
    before: dict[str, bytes | None]
    after: dict[str, bytes | None]


def _run_case(case: Case, seeded: Path, root: Path) -> Outcome:
    home = root / "home"
    shutil.copytree(seeded, home)
    for name, content in case.files:
        (home / name).write_bytes(content)
    args = tuple(a.replace("{home}", str(home)) for a in case.args)
    watched = [home]
    if case.bad_db:
        outside = root / "elsewhere"
        outside.mkdir()
        bad = BAD_DBS[case.bad_db](home / "journal.db", outside)
        args = ("--db", str(bad), *args)
        watched.append(outside)
    before = snapshot(*watched)
    done = run_script(args, case.stdin, {**isolated_env(home, root), **case.extra})
    return Outcome(done, before, snapshot(*watched))


def _runnable(case: Case) -> bool:
    return case.args[0] in COMMANDS or case.args[0] == "wrtie"


@pytest.fixture(scope="module")
def outcomes(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run every case once, a few at a time: each starts a Python process, mostly idle."""
    roots = {case.name: tmp_path_factory.mktemp("case") for case in CASES if _runnable(case)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            case.name: pool.submit(_run_case, case, seeded, roots[case.name])
            for case in CASES
            if _runnable(case)
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_clear_error_and_changes_nothing(
    case: Case, outcomes: dict[str, Outcome]
) -> None:
    if not _runnable(case):
        pytest.skip(f"no `{case.args[0]}` command in this version")
    outcome = outcomes[case.name]
    assert_clean_error(outcome.done, case.code, case.says)
    assert outcome.after == outcome.before


def test_an_unwritable_folder_is_a_clear_error(script_env: dict[str, str], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere; the under-a-file and /proc cases cover this")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    done = run_script(("--db", str(locked / "j.db"), "write"), SECRET.encode(), script_env)
    assert_clean_error(done, 1, ("can't create", "Permission denied"))


def test_a_place_no_one_can_create_files_in(script_env: dict[str, str]) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("no /proc here")
    done = run_script(("--db", "/proc/attachjournal/j.db", "write"), SECRET.encode(), script_env)
    assert_clean_error(done, 1, ("can't create the folder /proc/attachjournal", "write to"))


def _tiny_disk() -> None:
    """In the child: files can't grow past 64 KB, as on a full disk (EFBIG instead of a
    kill, because SIGXFSZ is ignored)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_saves_nothing_and_says_so(
    add_entry: Callable[..., int],
    seeded: Path,
    journal_home: Path,
    script_env: dict[str, str],
    tmp_path: Path,
) -> None:
    shutil.copytree(seeded, journal_home)
    before = snapshot(journal_home)
    big = (SECRET + " ") * 20_000  # about 560 KB: more than the "disk" can take
    done = run_script(("write",), big.encode(), script_env, preexec_fn=_tiny_disk)
    assert_clean_error(done, 1, ("disk is full", "nothing was saved"))
    assert snapshot(journal_home) == before
    # A backup that can't be written leaves no half-written copy behind.
    target = tmp_path / "copy.db"
    for number in range(30):
        add_entry(f"entry {number} {'x' * 3000}")  # in-process: quicker, same code
    before = snapshot(journal_home, tmp_path)
    done = run_script(("backup", str(target)), b"", script_env, preexec_fn=_tiny_disk)
    assert_clean_error(done, 1, ("copy.db",))
    assert snapshot(journal_home, tmp_path) == before
