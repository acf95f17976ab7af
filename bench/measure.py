"""Running one command and measuring it: wall time and the command's own peak memory.

Peak memory comes from GNU `/usr/bin/time`, not from `os.wait4` on our own child: Linux
starts a forked child's high-water mark at the parent's size, and the benchmark's parent
has just built 100k entries, so every command would seem to need as much. `time` is a
tiny parent. Without it, `wait4` still gives a (pessimistic) figure. Output goes to a
file, not a pipe, so a chatty command is never slowed or blocked by a reader.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run: seconds of wall time, peak resident memory in MiB, and how it ended."""

    seconds: float
    peak_mib: float | None
    ok: bool
    timed_out: bool = False
    error: str = ""


@dataclass(frozen=True)
class Command:
    """What to run; `stdin` is a file fed to the command, `timeout` in seconds."""

    argv: tuple[str, ...]
    env: dict[str, str]
    stdin: Path | None = None
    timeout: float = 600.0


GNU_TIME = Path("/usr/bin/time")


def run(command: Command) -> Sample:
    """Run `command` once with stdout discarded; never raises for a failing command."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak:
        argv = command.argv
        if GNU_TIME.exists():
            argv = (str(GNU_TIME), "-f", "%M", "-o", peak.name, *argv)
        stdin = command.stdin.open("rb") if command.stdin else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            child = subprocess.Popen(
                argv,
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=command.env,
                start_new_session=True,
            )
            status, usage = _wait(child.pid, command.timeout)
            seconds = time.perf_counter() - start
            child.returncode = 0  # reaped by os.wait4; keep Popen from waiting again
        finally:
            if command.stdin:
                stdin.close()  # type: ignore[union-attr]
        if status is None or usage is None:
            return Sample(seconds, None, ok=False, timed_out=True)
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip().splitlines()
        code = os.waitstatus_to_exitcode(status)
        reported = peak.read().split()
        kib = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss
        return Sample(
            seconds,
            kib / 1024,
            ok=code == 0,
            error="" if code == 0 else f"exit {code}: {message[-1] if message else ''}",
        )


def _wait(pid: int, timeout: float) -> tuple[int | None, os.struct_rusage | None]:
    """Block until `pid` ends (exact timing); a timer kills its session after `timeout`."""
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        timer.cancel()
    return (None, None) if killed.is_set() else (status, usage)


def time_to_prompt(command: Command, pattern: str) -> Sample:
    """Seconds until `pattern` first appears on a pseudo-terminal running `command`.

    The child is then killed outright (not Ctrl-C or hang-up), so a guided flow cannot
    save a draft that would change the next run.
    """
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        command.argv[0],
        list(command.argv[1:]),
        env=command.env,
        dimensions=(40, 100),
        encoding="utf-8",
        codec_errors="replace",
        timeout=command.timeout,
    )
    try:
        index = child.expect([re.compile(pattern), pexpect.EOF, pexpect.TIMEOUT])
        seconds = time.perf_counter() - start
        seen = (child.before or "").strip().splitlines()
    finally:
        if child.isalive():
            os.kill(child.pid, signal.SIGKILL)
        child.close(force=True)
    if index == 0:
        return Sample(seconds, None, ok=True)
    return Sample(
        seconds,
        None,
        ok=False,
        timed_out=index == 2,
        error=f"no question appeared: {seen[-1] if seen else 'no output'}",
    )
