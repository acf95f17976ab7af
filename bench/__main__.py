"""attachjournal vs jrnl 4.6: `python -m bench` (full) or `python -m bench --quick`.

Builds synthetic journals of each size for both tools, runs every operation for both in
alternating rounds, and prints a Markdown table of medians, peak memory and ratios, then
each issue-7 target as met / not met. Run it from the repository root with the project's
virtual environment, e.g. `.venv/bin/python -m bench`.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import UTC, datetime

from bench.measure import run
from bench.operations import OPERATIONS, Context
from bench.report import NOT_BUILT, table, targets
from bench.runner import Cell, available, compare, floor_commands, progress, rounds
from bench.workspace import WORK, attachjournal_script, build_journals, ensure_jrnl, environment

FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 rounds")
    parser.add_argument("--repeats", type=int, help="rounds per operation (default 5, quick 3)")
    parser.add_argument("--sizes", help="comma-separated journal sizes, e.g. 1000,100000")
    parser.add_argument("--only", help="comma-separated operation keys, e.g. help,add,week")
    parser.add_argument(
        "--jrnl-timeout", type=float, default=30.0, help="stop a jrnl run after this many s"
    )
    return parser.parse_args(argv)


def machine() -> str:
    cpus = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {cpus}, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


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
    built = {op.key: available(ctx, op.needs) for op in operations}
    cells: list[Cell] = []
    for op in (op for op in operations if not op.sized):
        progress(op.label)
        if not built[op.key]:
            cells.append(Cell(op, None, None, None, note=NOT_BUILT))
            continue
        cells.append(compare(ctx, op, repeats, floors.get(op.floor or ""), None))
    for size in sizes:
        progress(f"building journals of {size:,} entries")
        ctx.journals = build_journals(size)
        for op in (op for op in operations if op.sized):
            if op.max_size is not None and size > op.max_size:
                continue
            progress(f"{op.label} at {size:,}")
            if not built[op.key]:
                cells.append(Cell(op, size, None, None, note=NOT_BUILT))
                continue
            cells.append(compare(ctx, op, repeats, floors.get(op.floor or ""), size))

    print(f"attachjournal vs jrnl 4.6 — medians of {repeats} alternating rounds")
    print(f"machine: {machine()}\n")
    print(table(cells, floor_stats))
    print("\nTargets (issue 7):\n")
    print("\n".join(verdict.line() for verdict in targets(cells)))
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
