"""Shared words: triggers, urges, emotions and thinking traps.

Templates offer these as choices and summaries count them, so one list keeps the two in
step. People can always type their own; these are starting points, not a test.
"""

from __future__ import annotations

TRIGGERS: tuple[str, ...] = (
    "unanswered message",
    "they seemed distant",
    "plans changed or cancelled",
    "they asked to talk",
    "feeling crowded",
    "a conflict",
    "criticism",
    "comparison or jealousy",
    "getting closer",
    "time apart",
    "being relied on",
    "a kind or reliable moment",
    "something else",
)

# Turning the alarm up (hyperactivating): reaching harder for closeness.
URGES_UP: tuple[str, ...] = (
    "check my phone again and again",
    "send another message",
    "ask for reassurance",
    "replay what they said",
    "keep score",
    "threaten to leave",
    "try to make them jealous",
    "give in to keep the peace",
)

# Turning the alarm down (deactivating): putting distance between us.
URGES_DOWN: tuple[str, ...] = (
    "go quiet",
    "change the subject",
    "leave or need space right away",
    "focus on their flaws",
    "think about an ex or someone else",
    "keep my options open",
    "bury myself in work or my phone",
    "hide what I feel",
)

URGES: tuple[str, ...] = URGES_UP + URGES_DOWN

EMOTIONS: tuple[str, ...] = (
    "worried",
    "afraid",
    "hurt",
    "sad",
    "lonely",
    "angry",
    "irritated",
    "ashamed",
    "jealous",
    "overwhelmed",
    "numb",
    "trapped",
    "calm",
    "relieved",
    "close",
    "grateful",
    "hopeful",
)

THINKING_TRAPS: dict[str, str] = {
    "mind reading": 'deciding what they think or feel without asking ("they\'re pulling away")',
    "fortune telling": 'treating a fear about the future as a fact ("they\'ll leave")',
    "personalising": 'taking their mood or silence as being about you ("it\'s because of me")',
    "overgeneralising": 'turning one moment into a rule ("everyone leaves")',
    "emotional reasoning": 'taking a feeling as proof ("I feel abandoned, so I am")',
    "all-or-nothing": "seeing only extremes (\"if they're annoyed, it's over\")",
    "catastrophising": 'jumping to the worst outcome ("this will ruin everything")',
}


def urge_direction(name: str) -> str | None:
    """'up' for alarm-raising urges, 'down' for distancing ones, None for the person's own."""
    if name in URGES_UP:
        return "up"
    if name in URGES_DOWN:
        return "down"
    return None
