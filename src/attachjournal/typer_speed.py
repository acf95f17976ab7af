"""Let options left unset (and plain text options) skip Typer's pydantic coercion.

Typer 0.26+ builds a pydantic `TypeAdapter` for every parameter it processes, even one
left at None, so every command paid for importing pydantic and building adapters (0.1-0.3 s)
before it started: most of the budget for showing a guided flow's first question. For an
optional single-valued parameter whose value is None, Typer's coercion returns None, and
for a plain `str` option without a parser it returns the string as given; this does the
same without the adapter. Everything else goes through Typer unchanged, and if Typer's
internals move, `install()` quietly does nothing.
"""

from __future__ import annotations

from typing import Any


def _plain_text(param: Any, value: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    return (
        isinstance(value, str)
        and getattr(descriptor, "annotation", None) is str
        and info is not None
        and getattr(info, "parser", None) is None
        and getattr(info, "click_type", None) is None
    )


def install() -> None:
    """Patch `typer.core._TyperParameter.process_value` once (no-op if it is missing)."""
    try:
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - a Typer without it needs no help
        return
    original = getattr(_TyperParameter, "process_value", None)
    if original is None or getattr(original, "_attachjournal_fast", False):
        return

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        single = not self.multiple and self.nargs == 1
        if single and ((value is None and not self.required) or _plain_text(self, value)):
            return value if self.callback is None else self.callback(ctx, self, value)
        return original(self, ctx, value)

    process_value._attachjournal_fast = True  # type: ignore[attr-defined]
    _TyperParameter.process_value = process_value  # type: ignore[method-assign]
