"""Rich view of planned secure actions (kept apart from render.py, which others edit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.table import Table
from rich.text import Text

from attachjournal.store.followups import PlannedAction


def followups_table(items: Sequence[PlannedAction], today: date) -> Table:
    """One line per action: id, day (late ones marked), the action and its entry."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("secure action")
    table.add_column("entry", justify="right", no_wrap=True)
    for item in items:
        due = item.followup.due_on
        when = Text("no day" if due is None else due.isoformat())
        if due is not None and due < today:
            when.stylize("yellow")
        table.add_row(str(item.followup.id), when, item.followup.action, f"#{item.entry_id}")
    return table
