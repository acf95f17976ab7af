"""The operations compared, as the command line each tool runs for them.

Each operation builds a fresh `Command` per run (state a run needs, such as an empty
import target, is made here and is never timed). jrnl has no counterpart for a guided
reflection, and its nearest thing to `patterns` is counting tags (`--tags`).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bench.measure import Command
from bench.workspace import Journals, empty_jrnl

ENTRY_TEXT = (
    "No reply from Sam all afternoon; I noticed the urge to send another message and "
    "went for a walk instead."
)


@dataclass
class Context:
    """Everything a command line needs: the tools, the environment, one size's journals."""

    attachjournal: Path
    jrnl: Path
    env: dict[str, str]
    scratch: Path
    journals: Journals | None = None
    reference: Journals | None = None
    jrnl_timeout: float = 30.0
    jrnl_exports: dict[int, Path] = field(default_factory=dict)

    def aj(self, *args: str, db: Path | None = None, timeout: float = 600.0) -> Command:
        if db is None and self.journals:
            db = self.journals.db
        where = ("--db", str(db)) if db else ()
        return Command((str(self.attachjournal), *where, *args), self.env, timeout=timeout)

    def jr(self, *args: str, config: Path | None = None) -> Command:
        if config is None and self.journals:
            config = self.journals.jrnl_config
        where = ("--config-file", str(config)) if config else ()
        return Command((str(self.jrnl), *where, *args), self.env, timeout=self.jrnl_timeout)

    def jrnl_export(self) -> Path:
        """jrnl's own JSON export of this size's journal (made once, untimed)."""
        assert self.journals is not None
        size = self.journals.size
        if size not in self.jrnl_exports:
            target = self.journals.jrnl_text.with_suffix(".json")
            config = str(self.journals.jrnl_config)
            with target.open("wb") as out:
                subprocess.run(
                    [str(self.jrnl), "--config-file", config, "--format", "json"],
                    stdout=out,
                    stderr=subprocess.DEVNULL,
                    env=self.env,
                    check=True,
                )
            self.jrnl_exports[size] = target
        return self.jrnl_exports[size]


Build = Callable[[Context, int], Command]


@dataclass(frozen=True)
class Operation:
    """One row family of the table; `needs` names the attachjournal command it uses.

    `floor` names the floor a target compares it with; `flat` ones must cost the same on a
    big journal as on the smallest, which then runs in the same rounds as the big one.
    """

    key: str
    label: str
    attachjournal: Build
    jrnl: Build | None
    needs: str | None = None
    sized: bool = True
    max_size: int | None = None
    prompt: str | None = None
    floor: str | None = None
    flat: bool = False


def _monday() -> str:
    today = date.today()
    return (today - timedelta(days=today.weekday())).isoformat()


def _import_aj(ctx: Context, run: int) -> Command:
    target = ctx.scratch / f"import-{run}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return ctx.aj("import", str(ctx.jrnl_export()), "--format", "jrnl", db=target)


def _import_jrnl(ctx: Context, run: int) -> Command:
    assert ctx.journals is not None
    config = empty_jrnl(ctx.scratch / f"jrnl-import-{run}")
    return ctx.jr("--import", "--file", str(ctx.journals.jrnl_text), config=config)


def _patterns(ctx: Context, run: int) -> Command:
    assert ctx.journals is not None
    return ctx.aj("patterns", "--since", ctx.journals.first_day)


REFLECT_TEMPLATE = "anxious-unanswered-message"


def _reflect(ctx: Context, run: int) -> Command:
    """A guided reflection in a journal that already exists and holds an entry."""
    if not (Path(ctx.env["ATTACHJOURNAL_HOME"]) / "journal.db").exists():
        subprocess.run([str(ctx.attachjournal), "write", "A first entry."], env=ctx.env, check=True)
    return ctx.aj("reflect", "--template", REFLECT_TEMPLATE, timeout=60.0)


def first_question() -> str:
    """A pattern for the first question of REFLECT_TEMPLATE, as the library words it."""
    from attachjournal.prompts import load_library

    template = load_library().get(REFLECT_TEMPLATE)
    if template is None or not template.questions:
        return r"\?(\x1b\[[0-9;]*m|\s)+\S"  # questionary's "? <question>"
    return re.escape(template.questions[0].ask[:20])


OPERATIONS: tuple[Operation, ...] = (
    Operation("version", "--version", lambda c, r: c.aj("--version"),
              lambda c, r: c.jr("--version"), sized=False, floor="python"),
    Operation("help", "--help", lambda c, r: c.aj("--help"),
              lambda c, r: c.jr("--help"), sized=False, floor="python"),
    Operation("add", "add one entry",
              lambda c, r: c.aj("write", ENTRY_TEXT, "--person", "Sam", "--style", "anxious",
                                "--tag", "no-reply", "--anxiety", "6"),
              lambda c, r: c.jr(f"{ENTRY_TEXT} @no-reply @anxious"), needs="write",
              floor="sqlmodel"),
    Operation("show", "show one entry (jrnl: -n 1)", lambda c, r: c.aj("show", "5"),
              lambda c, r: c.jr("-n", "1"), needs="show", floor="sqlmodel"),
    Operation("last10", "last 10 entries", lambda c, r: c.aj("list", "-n", "10"),
              lambda c, r: c.jr("-n", "10"), needs="list", flat=True),
    Operation("week", "this week", lambda c, r: c.aj("week"),
              lambda c, r: c.jr("-from", _monday()), needs="week", flat=True),
    Operation("export", "export Markdown", lambda c, r: c.aj("export"),
              lambda c, r: c.jr("--format", "md"), needs="export"),
    Operation("patterns", "patterns, whole journal (jrnl: --tags)", _patterns,
              lambda c, r: c.jr("--tags"), needs="patterns"),
    Operation("import", "import a jrnl export", _import_aj, _import_jrnl, needs="import",
              max_size=10_000),
    Operation("reflect", "first question of reflect", _reflect, None, needs="reflect",
              sized=False, prompt=first_question(), floor="sqlmodel"),
)  # fmt: skip
