"""`kill -9` in the middle of writing: the journal stays intact and keeps every write that
reported success (real processes, real SIGKILL)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("_writer.py")
SCRIPT = Path(sys.executable).with_name("attachjournal")


def stored_texts(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return [row[0] for row in conn.execute("SELECT text FROM entries")]
    finally:
        conn.close()


def kill_writer_after(env: dict[str, str], label: str, successes: int) -> list[str]:
    """Start a writer, let `successes` writes report success, then SIGKILL it mid-stream."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), label, "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    reported = [proc.stdout.readline().strip() for _ in range(successes)]
    time.sleep(random.uniform(0, 0.02))  # land somewhere inside the next write
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # Lines already in the pipe also reported success before the kill.
    reported += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    proc.stdout.close()
    return reported


@pytest.mark.slow
def test_kill_9_during_a_stream_of_writes_loses_nothing_reported(
    db_path: Path, script_env: dict[str, str]
) -> None:
    reported: list[str] = []
    for round_number in range(4):
        reported += kill_writer_after(script_env, f"r{round_number}", random.randint(3, 25))
        stored = stored_texts(db_path)
        missing = set(reported) - set(stored)
        assert not missing, f"writes reported as saved are gone: {sorted(missing)}"
        # At most the one write in flight may have landed without being reported.
        assert len(stored) - len(reported) <= round_number + 1


@pytest.mark.slow
def test_kill_9_of_the_real_command_leaves_an_intact_journal(
    db_path: Path, script_env: dict[str, str]
) -> None:
    saved: list[str] = []
    for number in range(6):
        text = f"cli-{number}"
        proc = subprocess.Popen(
            [str(SCRIPT), "write"],
            env=script_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdin is not None
        proc.stdin.write(text)
        proc.stdin.close()
        time.sleep(random.uniform(0.1, 0.8))  # the command takes about half a second
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read()
        proc.stdout.close()
        proc.stderr.close()
        if proc.returncode == 0 and out.strip().isdigit():
            saved.append(text)
        if db_path.exists():
            stored = stored_texts(db_path)
            assert set(saved) <= set(stored)
    # Whatever happened, one more ordinary write works afterwards.
    done = subprocess.run(
        [str(SCRIPT), "write"], input="after", env=script_env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "after" in stored_texts(db_path)
