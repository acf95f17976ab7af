"""A writer process for the concurrency and crash tests (run as a script, not collected).

Usage: python _writer.py LABEL COUNT  (COUNT 0 = until killed). Like the CLI, each write
opens the journal, writes one entry and closes it; the entry's text is printed only
after the commit returned, so the parent knows exactly which writes reported success.
If WRITER_GO_FILE is set, waits for that file first so all writers start together.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from attachjournal.config import resolve_paths
from attachjournal.records import NewEntry
from attachjournal.store import open_journal
from attachjournal.store.entries import add_entry


def main() -> None:
    label, count = sys.argv[1], int(sys.argv[2])
    print("ready", flush=True)
    go = os.environ.get("WRITER_GO_FILE")
    while go and not Path(go).exists():
        time.sleep(0.01)
    number = 0
    while count == 0 or number < count:
        text = f"{label}-{number}"
        now = datetime.now(UTC)
        journal = open_journal(resolve_paths())
        try:
            with journal.write() as session:
                add_entry(session, NewEntry(kind="note", text=text, created_at=now), now)
        finally:
            journal.close()
        print(text, flush=True)
        number += 1


if __name__ == "__main__":
    main()
