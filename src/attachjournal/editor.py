"""Writing entry text in the person's own editor, privately.

The temp file lives in a fresh 0700 folder (so editor swap and backup files are private
too) and the folder is removed afterwards, whatever happens.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from attachjournal.errors import CancelledError, JournalError

DEFAULT_EDITORS = ("nano", "vi")


def editor_command(env: Mapping[str, str]) -> list[str]:
    """$VISUAL, then $EDITOR, then the first of nano/vi that exists."""
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in DEFAULT_EDITORS:
        if shutil.which(fallback):
            return [fallback]
    raise JournalError(
        "no editor found; set $EDITOR (for example `export EDITOR=nano`)",
        hint="Or pipe the text in: `echo '...' | attachjournal write`.",
    )


def edit_text(initial: str = "", env: Mapping[str, str] | None = None) -> str:
    """Open the editor on `initial` and return what the person saved."""
    env = os.environ if env is None else env
    command = editor_command(env)
    folder = Path(tempfile.mkdtemp(prefix="attachjournal-"))
    try:
        folder.chmod(0o700)
        draft = folder / "entry.md"
        fd = os.open(draft, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            result = subprocess.run([*command, str(draft)], check=False)
        except OSError as exc:
            raise JournalError(f"can't start the editor {command[0]!r}: {exc.strerror}") from None
        if result.returncode != 0:
            raise CancelledError(
                f"the editor exited with status {result.returncode}; nothing saved"
            )
        try:
            return draft.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise JournalError("the editor saved text that is not UTF-8; nothing saved") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
