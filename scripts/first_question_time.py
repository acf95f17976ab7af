"""Time until a guided flow's first question is on screen, against `import sqlmodel`.

Issue 3 asks for the first question in under 0.6x the time of `python -c "import sqlmodel"`.
Two moments are timed: the first question's wording on screen (painted before questionary
loads, see `firstpaint.py`) and the live prompt that takes input. Both run in a
pseudo-terminal (pexpect), alternating with the baseline, in a throwaway journal that
already holds an entry; medians, minimums and their ratios are printed (on a busy machine
the minimums are the steadier figure). Needs the test extra (pexpect).

    .venv/bin/python scripts/first_question_time.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent
# command line, the first question's wording, and something only the live prompt draws.
FLOWS = {
    "reflect --template": (
        ["reflect", "--template", "anxious-unanswered-message"],
        "Who were you waiting",
        "Enter to skip",
    ),
    "checkin": (["checkin"], "how much worry", "0 = none"),
    "attachjournal (today)": ([], "What would you like to do", "Use arrow keys"),
}


def timed(command: str, args: list[str], expects: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from start until each pattern appears (until exit when none are given)."""
    start = time.perf_counter()
    child = pexpect.spawn(
        command, args, env=env, encoding="utf-8", timeout=60, dimensions=(40, 100)
    )
    elapsed = []
    for pattern in expects:
        child.expect(pattern)
        elapsed.append(time.perf_counter() - start)
    if expects:
        child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed or [time.perf_counter() - start]


def report(label: str, times: list[float], base: float, fastest: float) -> None:
    median, low = statistics.median(times), min(times)
    sys.stdout.write(
        f"{label:44} median {median:.3f}s  min {low:.3f}s"
        f"  ratio {median / base:.2f} (median) {low / fastest:.2f} (min)\n"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    home = tempfile.mkdtemp(prefix="aj-firstq-")
    env = {
        **os.environ,
        "ATTACHJOURNAL_HOME": home,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
    }
    subprocess.run(
        [str(BIN / "attachjournal"), "write", "--anxiety", "3"],
        input="warm-up entry",
        env=env,
        text=True,
        check=True,
        capture_output=True,
    )
    python = str(BIN / "python")
    baseline: list[float] = []
    shown: dict[str, list[float]] = {name: [] for name in FLOWS}
    live: dict[str, list[float]] = {name: [] for name in FLOWS}
    for _ in range(runs):
        baseline += timed(python, ["-c", "import sqlmodel"], [], env)
        for name, (args, wording, prompt) in FLOWS.items():
            first, ready = timed(str(BIN / "attachjournal"), args, [wording, prompt], env)
            shown[name].append(first)
            live[name].append(ready)
    base, fastest = statistics.median(baseline), min(baseline)
    label = "python -c 'import sqlmodel'"
    sys.stdout.write(f"{label:44} median {base:.3f}s  min {fastest:.3f}s  ({runs} runs)\n")
    for name in FLOWS:
        report(f"first question shown, {name}", shown[name], base, fastest)
    for name in FLOWS:
        report(f"prompt live,          {name}", live[name], base, fastest)


if __name__ == "__main__":
    main()
