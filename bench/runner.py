"""Running an operation several times for both tools, alternating, and taking medians.

The machine is shared and noisy, so nothing here trusts one run or an absolute number:
the tools take turns (the order flips each round, so neither always runs on a warmer
cache), and where a target is a ratio to a floor (`python -c pass`, `import sqlmodel`),
the floor runs in the same rounds, so both sides of the ratio see the same load.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace

from bench.measure import Command, Sample, run, time_to_prompt
from bench.operations import Context, Operation


@dataclass(frozen=True)
class Stats:
    """Medians over the successful runs; `problem` says why there are none (or fewer)."""

    seconds: float | None
    peak_mib: float | None
    runs: int
    problem: str = ""


@dataclass(frozen=True)
class Cell:
    """One row of the table: an operation at one journal size."""

    op: Operation
    size: int | None
    attachjournal: Stats | None
    jrnl: Stats | None
    floor: Stats | None = None
    reference: Stats | None = None
    note: str = ""


def summarize(samples: list[Sample]) -> Stats:
    good = [s for s in samples if s.ok]
    problem = next((s.error for s in samples if not s.ok and s.error), "")
    if any(s.timed_out for s in samples):
        slowest = max(s.seconds for s in samples)
        problem = f"> {slowest:.0f} s (stopped)"
    peaks = [s.peak_mib for s in good if s.peak_mib is not None]
    return Stats(
        seconds=statistics.median(s.seconds for s in good) if good else None,
        peak_mib=statistics.median(peaks) if peaks else None,
        runs=len(good),
        problem=problem,
    )


def floor_commands(python: str, env: dict[str, str]) -> dict[str, Command]:
    """The two floors: a bare interpreter, and one that only imports SQLModel."""
    return {
        "python": Command((python, "-c", "pass"), env),
        "sqlmodel": Command((python, "-c", "import sqlmodel"), env),
    }


def rounds(
    participants: dict[str, Callable[[int], Sample]],
    repeats: int,
    limits: dict[str, int] | None = None,
) -> dict[str, Stats]:
    """Run every participant once per round, in an order that flips each round.

    One untimed warm-up round comes first (page cache, .pyc files, jrnl's config check).
    A participant that fails or times out is not run again: its first problem is kept;
    one named in `limits` stops after that many rounds.
    """
    limits = limits or {}
    samples: dict[str, list[Sample]] = {name: [] for name in participants}
    stopped: set[str] = set()
    names = list(participants)
    for name in names:
        warm = participants[name](-1)
        if not warm.ok:
            samples[name].append(warm)
            stopped.add(name)
    for index in range(repeats):
        for name in names if index % 2 == 0 else reversed(names):
            if name in stopped or index >= limits.get(name, repeats):
                continue
            sample = participants[name](index)
            samples[name].append(sample)
            if not sample.ok:
                stopped.add(name)
    return {name: summarize(found) for name, found in samples.items()}


def compare(
    ctx: Context, op: Operation, repeats: int, floor: Command | None, size: int | None
) -> Cell:
    """Time `op` for both tools in alternating rounds, with its floor and, for a flat
    operation on a big journal, the same command on the smallest journal."""

    def attachjournal(index: int) -> Sample:
        command = op.attachjournal(ctx, index)
        return time_to_prompt(command, op.prompt) if op.prompt else run(command)

    participants: dict[str, Callable[[int], Sample]] = {"attachjournal": attachjournal}
    if op.jrnl is not None:
        jrnl_build = op.jrnl
        participants["jrnl"] = lambda index: run(jrnl_build(ctx, index))
    if floor is not None:
        participants["floor"] = lambda index: run(floor)
    small = ctx.reference
    if op.flat and small is not None and ctx.journals is not None and small != ctx.journals:
        on_small = replace(ctx, journals=small)
        participants["reference"] = lambda index: run(op.attachjournal(on_small, index))
    # A ratio to a floor is the noisiest figure (two small numbers): twice the rounds, but
    # not for jrnl, whose runs at this size can take many seconds each.
    both = repeats * 2 if floor is not None else repeats
    stats = rounds(participants, both, {"jrnl": repeats})
    return Cell(
        op,
        size,
        stats["attachjournal"],
        stats.get("jrnl"),
        floor=stats.get("floor"),
        reference=stats.get("reference"),
    )


def available(ctx: Context, command: str | None) -> bool:
    """True when this build of attachjournal has `command` (others land during a session)."""
    if command is None:
        return True
    return run(Command((str(ctx.attachjournal), command, "--help"), ctx.env)).ok


def progress(message: str) -> None:
    sys.stderr.write(f"  {message}\n")
    sys.stderr.flush()
