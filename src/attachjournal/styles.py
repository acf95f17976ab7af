"""The attachment-style vocabulary: names, aliases and one-line descriptions.

Styles are lenses a person chooses for an entry, never labels for the person, so every
description here says what a reaction can look like rather than what someone *is*.
"""

from __future__ import annotations

from dataclasses import dataclass

from attachjournal.errors import UsageError


@dataclass(frozen=True)
class Style:
    name: str
    long_name: str
    anxiety: str
    avoidance: str
    summary: str


STYLES: dict[str, Style] = {
    "anxious": Style(
        "anxious",
        "anxious-preoccupied",
        "high",
        "low",
        "wanting closeness and worrying it will be taken away; small signs can feel like big ones",
    ),
    "avoidant": Style(
        "avoidant",
        "dismissive-avoidant",
        "low",
        "high",
        "leaning on yourself and needing room; closeness or a request to talk "
        "can feel like too much",
    ),
    "fearful": Style(
        "fearful",
        "fearful-avoidant",
        "high",
        "high",
        "wanting closeness and fearing it at once; pulling someone near, then pushing away",
    ),
    "secure": Style(
        "secure",
        "secure",
        "low",
        "low",
        "saying what you need, trusting it can be heard, and repairing after a rough moment",
    ),
}

STYLE_NAMES: tuple[str, ...] = tuple(STYLES)

ALIASES: dict[str, str] = {
    "anxious-preoccupied": "anxious",
    "preoccupied": "anxious",
    "dismissive-avoidant": "avoidant",
    "dismissive": "avoidant",
    "fearful-avoidant": "fearful",
    "disorganized": "fearful",
    "disorganised": "fearful",
}


def normalize_style(value: str) -> str:
    """Return the canonical style name for a name or alias, or raise a usage error that
    lists what is accepted."""
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    if key in STYLES:
        return key
    if key in ALIASES:
        return ALIASES[key]
    accepted = ", ".join(STYLE_NAMES)
    aliases = ", ".join(ALIASES)
    raise UsageError(
        f"unknown style {value!r}; use one of: {accepted}",
        hint=f"Long names are accepted too: {aliases}.",
    )
