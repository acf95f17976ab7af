"""The throwaway workspace under `bench/.work/`: jrnl's own venv, journals, a fake home.

Both tools run with HOME, the XDG folders and ATTACHJOURNAL_HOME pointed in here, so a
benchmark never reads or writes the real home. jrnl 4.6 is installed from the package
registry into its own venv, once; nothing else reaches the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.journal import generate, jrnl_config, write_attachjournal, write_jrnl

WORK = Path(__file__).resolve().parent / ".work"
JRNL_VERSION = "4.6"


@dataclass(frozen=True)
class Journals:
    """One size's pair of journals holding the same entries."""

    size: int
    db: Path
    jrnl_config: Path
    jrnl_text: Path
    first_day: str


def attachjournal_script() -> Path:
    """The `attachjournal` console script of the interpreter running the benchmark."""
    return Path(sys.executable).with_name("attachjournal")


def environment(home: Path) -> dict[str, str]:
    """A clean environment whose every data folder is inside `home`."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "ATTACHJOURNAL_HOME": str(home / "attachjournal"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "COLUMNS": "100",
        "TERM": "xterm",
    }
    if "TZ" in os.environ:
        env["TZ"] = os.environ["TZ"]
    for folder in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        Path(env[folder]).mkdir(parents=True, exist_ok=True)
    return env


def ensure_jrnl(work: Path = WORK) -> Path:
    """jrnl's executable, installing jrnl 4.6 into `work/jrnl-venv` the first time."""
    venv = work / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if jrnl.exists():
        return jrnl
    print(f"installing jrnl {JRNL_VERSION} into {venv} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"],
        check=True,
    )
    return jrnl


def build_journals(size: int, work: Path = WORK, end: datetime | None = None) -> Journals:
    """Fresh journals of `size` entries for both tools (rebuilt on every run)."""
    folder = work / "journals" / str(size)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    entries = list(generate(size, end or datetime.now(UTC)))
    db = folder / "journal.db"
    write_attachjournal(entries, db)
    text = folder / "journal.txt"
    write_jrnl(entries, text)
    config = folder / "jrnl.yaml"
    config.write_text(jrnl_config(text), encoding="utf-8")
    first = entries[0].created_at.astimezone().date().isoformat()
    return Journals(size, db, config, text, first)


def empty_jrnl(folder: Path) -> Path:
    """A config for a new, empty jrnl journal in `folder` (an import target)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = folder / "journal.txt"
    text.touch()
    config = folder / "jrnl.yaml"
    config.write_text(jrnl_config(text), encoding="utf-8")
    return config
