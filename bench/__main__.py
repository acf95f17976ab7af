"""attachjournal vs jrnl 4.6: `python -m bench` (full) or `python -m bench --quick`.

Builds synthetic journals of each size for both tools, runs every operation for both in
alternating rounds, and prints a Markdown table of medians, peak memory and ratios, then
each issue-7 target as met / not met. Run it from the repository root with the project's
virtual environment, e.g. `.venv/bin/python -m bench`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.measure import Command, run
from bench.operations import OPERATIONS, Context, Operation
from bench.report import NOT_BUILT, table, targets
from bench.runner import Cell, available, compare, floor_commands, progress, rounds
from bench.workspace import WORK, attachjournal_script, build_journals, ensure_jrnl, environment

FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 rounds")
    parser.add_argument("--repeats", type=int, help="rounds per operation (default 5, quick 3)")
    parser.add_argument("--sizes", help="comma-separated journal sizes, e.g. 1000,100000")
    parser.add_argument("--only", help="comma-separated operation keys, e.g. help,add,week")
    parser.add_argument(
        "--write-readme", action="store_true", help="also put the results into README.md"
    )
    parser.add_argument(
        "--jrnl-timeout", type=float, default=30.0, help="stop a jrnl run after this many s"
    )
    return parser.parse_args(argv)


def machine() -> str:
    """CPU model, cores and Python, for the README next to the numbers."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def measure_all(
    ctx: Context,
    operations: list[Operation],
    sizes: tuple[int, ...],
    repeats: int,
    floors: dict[str, Command],
) -> list[Cell]:
    """Every operation: size-independent ones once, the others at each journal size."""
    built = {op.key: available(ctx, op.needs) for op in operations}
    cells: list[Cell] = []

    def measure(op: Operation, size: int | None) -> None:
        progress(op.label if size is None else f"{op.label} at {size:,}")
        if not built[op.key]:
            cells.append(Cell(op, size, None, None, note=NOT_BUILT))
        else:
            cells.append(compare(ctx, op, repeats, floors.get(op.floor or ""), size))

    for op in operations:
        if not op.sized:
            measure(op, None)
    for size in sizes:
        progress(f"building journals of {size:,} entries")
        ctx.journals = build_journals(size)
        ctx.reference = ctx.reference or ctx.journals
        for op in operations:
            if op.sized and (op.max_size is None or size <= op.max_size):
                measure(op, size)
    return cells


def write_readme(report: str) -> None:
    """Replace the measured block in the README's "Performance" section with `report`."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(f"{text[:start]}\n{report}\n{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    sizes = (
        tuple(int(s) for s in args.sizes.split(","))
        if args.sizes
        else (QUICK_SIZES if args.quick else FULL_SIZES)
    )
    repeats = args.repeats or (3 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else None
    started = time.perf_counter()

    env = environment(WORK / "home")
    ctx = Context(attachjournal_script(), ensure_jrnl(), env, WORK / "scratch")
    ctx.scratch.mkdir(parents=True, exist_ok=True)
    ctx.jrnl_timeout = args.jrnl_timeout
    floors = floor_commands(sys.executable, env)
    progress(f"floors: {repeats * 2} rounds")
    floor_stats = rounds(
        {name: (lambda _i, c=command: run(c)) for name, command in floors.items()}, repeats * 2
    )

    operations = [op for op in OPERATIONS if only is None or op.key in only]
    cells = measure_all(ctx, operations, sizes, repeats, floors)

    report = "\n".join(
        [
            f"Medians of {repeats} alternating rounds ({repeats * 2} for attachjournal and its "
            f"floor where a target is a ratio to a floor) on {machine()}; "
            f"benchmark took {time.perf_counter() - started:.0f} s.",
            "",
            table(cells, floor_stats),
            "",
            "Targets (issue 7):",
            "",
            *(verdict.line() for verdict in targets(cells)),
        ]
    )
    print(report)
    if args.write_readme:
        write_readme(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
