"""The results as a Markdown table, and each issue-7 target as met / not met.

The table is Markdown so the README can show exactly what a run printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bench.runner import Cell, Stats

NOT_BUILT = "n/a (not built yet)"
FLOOR_LABELS = {"python": "`python -c pass` (floor)", "sqlmodel": "`import sqlmodel` (floor)"}


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _mib(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} MiB"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs == 0:
        return "—"
    return f"{ours / theirs:.2f}×"


def _size(size: int | None) -> str:
    if size is None:
        return "—"
    return f"{size // 1000}k" if size >= 1000 else str(size)


def _time(stats: Stats | None) -> str:
    if stats is None:
        return "—"
    if stats.seconds is None:
        return stats.problem or "failed"
    text = _seconds(stats.seconds)
    return f"{text} ({stats.problem})" if stats.problem else text


def table(cells: Iterable[Cell], floors: dict[str, Stats]) -> str:
    """The Markdown table: medians, peak memory and attachjournal / jrnl ratios."""
    lines = [
        "| operation | entries | attachjournal | peak | jrnl 4.6 | peak | time aj/jrnl "
        "| memory aj/jrnl |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label in FLOOR_LABELS.items():
        stats = floors.get(name)
        if stats:
            lines.append(f"| {label} | — | {_time(stats)} | {_mib(stats.peak_mib)} | | | | |")
    for cell in cells:
        aj, jr = cell.attachjournal, cell.jrnl
        if cell.note:
            lines.append(f"| {cell.op.label} | {_size(cell.size)} | {cell.note} | | | | | |")
            continue
        lines.append(
            f"| {cell.op.label} | {_size(cell.size)} | {_time(aj)} | "
            f"{_mib(aj.peak_mib if aj else None)} | {_time(jr) if cell.op.jrnl else 'n/a'} | "
            f"{_mib(jr.peak_mib if jr else None)} | "
            f"{_ratio(aj.seconds if aj else None, jr.seconds if jr else None)} | "
            f"{_ratio(aj.peak_mib if aj else None, jr.peak_mib if jr else None)} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Verdict:
    """One target: met (True / False), or None when this run could not check it."""

    key: str
    target: str
    met: bool | None
    detail: str

    def line(self) -> str:
        mark = {True: "met", False: "NOT met", None: "not checked"}[self.met]
        return f"- **{mark}** — {self.target}: {self.detail}"


def _find(cells: list[Cell], key: str, size: int | None = None) -> Cell | None:
    return next((c for c in cells if c.op.key == key and c.size == size and not c.note), None)


def _against_floor(cells: list[Cell], key: str, limit: float, target: str) -> list[Verdict]:
    found = [c for c in cells if c.op.key == key and not c.note]
    if not found:
        built = not any(c.op.key == key for c in cells)
        return [Verdict(key, target, None, "not measured in this run" if built else NOT_BUILT)]
    verdicts = []
    for cell in found:
        ours = cell.attachjournal.seconds if cell.attachjournal else None
        floor = cell.floor.seconds if cell.floor else None
        if ours is None or floor is None:
            verdicts.append(Verdict(key, target, False, f"{_size(cell.size)}: did not run"))
            continue
        ratio = ours / floor
        where = f"{_size(cell.size)} entries: " if cell.size else ""
        verdicts.append(
            Verdict(
                key,
                target,
                ratio <= limit,
                f"{where}{ratio:.2f}× ({_seconds(ours)} vs floor {_seconds(floor)} "
                "in the same rounds)",
            )
        )
    return verdicts


def _flat(cells: list[Cell], key: str, target: str) -> Verdict:
    """The biggest journal against the smallest, timed in the same rounds."""
    sized = [c for c in cells if c.op.key == key and c.size and not c.note]
    if len(sized) < 2 or max(c.size or 0 for c in sized) < 100_000:
        return Verdict(key, target, None, "needs the 100k journal (full run)")
    big = max(sized, key=lambda c: c.size or 0)
    small = min(sized, key=lambda c: c.size or 0)
    ours = big.attachjournal.seconds if big.attachjournal else None
    base = big.reference.seconds if big.reference else None
    if ours is None or base is None:
        return Verdict(key, target, False, "did not run")
    return Verdict(
        key,
        target,
        ours / base <= 1.3,
        f"{ours / base:.2f}× ({_seconds(ours)} at {_size(big.size)} vs {_seconds(base)} at "
        f"{_size(small.size)} in the same rounds)",
    )


def _export(cells: list[Cell]) -> Verdict:
    key, target = "export", "export 100k ≥ 2× faster than jrnl, ≤ ½ its peak memory"
    export = _find(cells, key, 100_000)
    if export is None:
        return Verdict(key, target, None, "needs the 100k journal and `export`")
    aj, jr = export.attachjournal, export.jrnl
    if not (aj and jr and aj.seconds and jr.seconds and aj.peak_mib and jr.peak_mib):
        return Verdict(key, target, False, "did not run")
    speed, memory = jr.seconds / aj.seconds, aj.peak_mib / jr.peak_mib
    return Verdict(
        key,
        target,
        speed >= 2 and memory <= 0.5,
        f"{speed:.2f}× faster, {memory:.2f}× the memory ({_seconds(aj.seconds)}, "
        f"{_mib(aj.peak_mib)} vs {_seconds(jr.seconds)}, {_mib(jr.peak_mib)})",
    )


def _import(cells: list[Cell]) -> Verdict:
    key, target = "import", "import of 10k jrnl entries in a few seconds (≤ 5 s)"
    imported = _find(cells, key, 10_000)
    if imported is None:
        return Verdict(key, target, None, "needs the 10k journal and `import`")
    took = imported.attachjournal.seconds if imported.attachjournal else None
    return Verdict(key, target, took is not None and took <= 5, _time(imported.attachjournal))


def targets(cells: list[Cell]) -> list[Verdict]:
    """Every issue-7 target this run can check."""
    verdicts = [
        *_against_floor(cells, "version", 6, "`--version` ≤ 6× `python -c pass`"),
        *_against_floor(cells, "help", 12, "`--help` ≤ 12× `python -c pass`"),
        *_against_floor(cells, "add", 1.3, "add one entry ≤ 1.3× `import sqlmodel`"),
        *_against_floor(cells, "show", 1.3, "show one entry ≤ 1.3× `import sqlmodel`"),
        _flat(cells, "last10", "`list -n 10` at 100k ≤ 1.3× at 1k"),
        _flat(cells, "week", "`week` at 100k ≤ 1.3× at 1k"),
    ]
    verdicts += [_export(cells), _import(cells)]
    verdicts += _against_floor(
        cells, "reflect", 0.6, "first question of `reflect` < 0.6× `import sqlmodel`"
    )
    return verdicts
