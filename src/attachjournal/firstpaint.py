"""Painting the first question before questionary (prompt_toolkit) has even loaded.

Importing prompt_toolkit costs about as much as everything else before the first question
together. `FirstPaintAsker` writes that first question as plain text at once, imports the
real asker while the person reads it, then wipes those lines so the interactive prompt
draws itself in the same place. Anything typed in that moment waits in the terminal's
buffer and reaches the prompt. `say()` never needs prompt_toolkit, so an intro or today's
suggestion appears at once too. This module must not import questionary or prompt_toolkit.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from attachjournal.asking import AskContext, Asker
from attachjournal.prompts import Question

QMARK = "? "


def fit(message: str, reserved: int) -> str:
    """Wrap a prompt to the terminal: prompt_toolkit stops drawing one that is too wide.

    `reserved` is the width of the instruction questionary shows after the message; when
    it doesn't fit on the last line, it starts a new one.
    """
    width = max(30, shutil.get_terminal_size().columns - 4)
    lines = textwrap.wrap(message, width) or [""]
    if len(lines[-1]) + reserved + 4 > width:
        lines.append("")
    return "\n  ".join(lines)


@contextmanager
def _no_echo() -> Iterator[None]:
    """Keep keys typed during the import from echoing into the painted lines (they stay
    buffered and reach the prompt)."""
    try:
        import termios
    except ImportError:  # Windows
        yield
        return
    try:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):  # not a terminal
        yield
        return
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


class FirstPaintAsker:
    """Shows the first question itself, then hands every call to the real asker."""

    def __init__(self, make: Callable[[], Asker], out: TextIO | None = None) -> None:
        self._make = make
        self._real: Asker | None = None
        self._out = out or sys.stdout

    def _asker(self, message: str) -> Asker:
        if self._real is None:
            painted = QMARK + fit(message, 0)
            self._out.write(painted)
            self._out.flush()
            with _no_echo():
                real = self._make()
            # Back to where the question started, and clear from there down.
            up = painted.count("\n")
            self._out.write("\r" + (f"\x1b[{up}A" if up else "") + "\x1b[J")
            self._out.flush()
            self._real = real
        return self._real

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def say(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    def ask(self, question: Question, context: AskContext) -> Any:
        return self._asker(question.ask).ask(question, context)

    def confirm(self, message: str, default: bool = True) -> bool:
        return self._asker(message).confirm(message, default)

    def choose(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        return self._asker(message).choose(message, options)

    def write(self, message: str, long: bool = False) -> str | None:
        return self._asker(message).write(message, long)
