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
import signal
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any, TextIO, TypeVar

from attachjournal.asking import AskContext, Asker
from attachjournal.prompts import Question

QMARK = "? "
T = TypeVar("T")


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
    """Shows the first question itself, then hands every call to the real asker.

    `make(live)` builds the real asker, which calls `live()` once its first prompt is drawn.
    Until then Ctrl-C is held back (the terminal is not yet in raw mode, so it arrives as a
    signal, which prompt_toolkit can swallow while it starts) and delivered by `live()` as
    a KeyboardInterrupt inside the prompt. `on_live` runs at that moment too (the flows
    start loading the journal there).
    """

    def __init__(
        self,
        make: Callable[[Callable[[], None]], Asker],
        out: TextIO | None = None,
        on_live: Callable[[], None] | None = None,
    ) -> None:
        self._make = make
        self._real: Asker | None = None
        self._out = out or sys.stdout
        self._on_live = on_live
        self._interrupted = False
        self._held: Any = None

    def _hold_interrupts(self) -> None:
        def note(signum: int, frame: FrameType | None) -> None:
            self._interrupted = True

        try:
            self._held = signal.signal(signal.SIGINT, note)
        except ValueError:  # not the main thread: nothing to hold
            self._held = None

    def _release_interrupts(self) -> None:
        if self._held is not None:
            signal.signal(signal.SIGINT, self._held)
            self._held = None

    def _live(self) -> None:
        self._release_interrupts()
        if self._on_live is not None:
            on_live, self._on_live = self._on_live, None
            on_live()
        if self._interrupted:
            self._interrupted = False
            raise KeyboardInterrupt

    def _asker(self, message: str) -> Asker:
        if self._real is None:
            self._hold_interrupts()
            painted = QMARK + fit(message, 0)
            self._out.write(painted)
            self._out.flush()
            try:
                with _no_echo():
                    real = self._make(self._live)
            finally:
                # Back to where the question started, and clear from there down.
                up = painted.count("\n")
                self._out.write("\r" + (f"\x1b[{up}A" if up else "") + "\x1b[J")
                self._out.flush()
            if self._interrupted:  # Ctrl-C while loading: no need to show the prompt
                self._release_interrupts()
                self._interrupted = False
                raise KeyboardInterrupt
            self._real = real
        return self._real

    def _call(self, message: str, ask: Callable[[Asker], T]) -> T:
        try:
            return ask(self._asker(message))
        finally:
            self._release_interrupts()  # in case no prompt ever went live

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def say(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    def ask(self, question: Question, context: AskContext) -> Any:
        return self._call(question.ask, lambda real: real.ask(question, context))

    def confirm(self, message: str, default: bool = True) -> bool:
        return self._call(message, lambda real: real.confirm(message, default))

    def choose(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        return self._call(message, lambda real: real.choose(message, options))

    def write(self, message: str, long: bool = False) -> str | None:
        return self._call(message, lambda real: real.write(message, long))
