"""Commands for this area are registered here (placeholder until they are built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """No commands yet."""
