"""Hand-worked journals for the week and pattern tests, shared by the pure and CLI tests.

Every figure the tests expect is worked out by hand in the comments next to the data, so
a reader can check the arithmetic without running anything. Times are UTC unless a test
says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, tzinfo

from attachjournal.records import FollowUp, NewEntry, Urge
from attachjournal.summary import ANSWER_KEYS, Moment


def at(text: str, tz: tzinfo = UTC) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def entry(when: str, **fields: object) -> NewEntry:
    fields.setdefault("kind", "note")
    fields.setdefault("text", "A moment.")
    return NewEntry(created_at=at(when), **fields)  # type: ignore[arg-type]


# 2026-W48 is Mon 23 Nov – Sun 29 Nov 2026; the week before, W47, is 16–22 Nov.
WEEK_48: tuple[NewEntry, ...] = (
    # Mon: 2 entries
    entry(
        "2026-11-23 09:00",
        kind="reflection",
        style="anxious",
        person="Sam",
        trigger="unanswered message",
        anxiety=7,
        avoidance=2,
        urges=(Urge("send another message", False), Urge("check my phone again and again", True)),
        answers={"need": "I need a reply when plans change.", "situation": "No reply."},
    ),
    entry(
        "2026-11-23 21:00",
        kind="reflection",
        style="anxious",
        person="Sam",
        trigger="unanswered message",
        tags=("texting",),
        anxiety=8,
        avoidance=1,
        urges=(Urge("ask for reassurance", False),),
        followups=(FollowUp(None, "Ask Sam for a call", date(2026, 11, 25)),),
    ),
    # Wed: 1 entry
    entry(
        "2026-11-25 12:00",
        kind="checkin",
        style="anxious",
        person="Alex",
        trigger="a conflict",
        anxiety=6,
        avoidance=4,
        urges=(Urge("go quiet", None),),
    ),
    # Thu: 1 entry; the tag matches the trigger above in another case
    entry(
        "2026-11-26 20:00",
        kind="reflection",
        style="anxious",
        person="sam",
        tags=("Unanswered message",),
        anxiety=5,
        avoidance=3,
        answers={"balanced_thought": "They were at work; a slow reply isn't a verdict on me."},
        followups=(FollowUp(None, "Say what I need", None, "done", "It went well."),),
    ),
    # Sat: 2 entries
    entry(
        "2026-11-28 10:00",
        style="secure",
        anxiety=2,
        avoidance=2,
        followups=(FollowUp(None, "Hold the boundary kindly", None, "not_done"),),
    ),
    entry("2026-11-28 23:30", tags=("work",)),
)
# entries 6 · days 4 (Mon, Wed, Thu, Sat) · per day 2,0,1,1,0,2,0
# kinds: reflection 3, checkin 1, note 2 · lenses: anxious 4, secure 1, none 1
# anxiety (7+8+6+5+2)/5 = 28/5 = 5.6 · avoidance (2+1+4+3+2)/5 = 12/5 = 2.4
# per day anxiety: Mon 7.5, Wed 6.0, Thu 5.0, Sat 2.0
# per day avoidance: Mon 1.5, Wed 4.0, Thu 3.0, Sat 2.0
# triggers: unanswered message 3, a conflict 1, texting 1, work 1 · people: Sam 3, Alex 1
# urges: 4 noticed, 1 acted, 2 not acted, 1 unanswered · actions: 3 planned, 1 done,
# 1 not done, 1 still due · highlight: Thursday's balanced thought

WEEK_47: tuple[NewEntry, ...] = (
    entry("2026-11-17 08:00", style="anxious", anxiety=9, avoidance=3),
    entry("2026-11-20 22:00", style="fearful", anxiety=8, avoidance=6),
    entry("2026-11-22 23:59:59", style="anxious", anxiety=7),
)
# entries 3 · days 3 · anxiety (9+8+7)/3 = 8.0 · avoidance (3+6)/2 = 4.5

OUTSIDE: tuple[NewEntry, ...] = (
    entry("2026-11-15 12:00", style="fearful", anxiety=10, avoidance=10, trigger="criticism"),
    entry("2026-11-30 00:00", style="avoidant", anxiety=1, avoidance=9, person="Sam"),
)

# Patterns over Mon 2 Nov – Sun 29 Nov 2026 (W45–W48), today = Wed 25 Nov.
PATTERNS: tuple[NewEntry, ...] = (
    entry(
        "2026-11-02 10:00",
        style="anxious",
        person="Sam",
        trigger="unanswered message",
        anxiety=8,
        avoidance=2,
        urges=(Urge("send another message", False),),
        answers={"belief": "I'm too much."},
    ),
    entry(
        "2026-11-04 22:00",
        style="anxious",
        person="Sam",
        trigger="unanswered message",
        anxiety=6,
        avoidance=2,
        urges=(Urge("send another message", True),),
        answers={"belief": "im too much"},
    ),
    entry(
        "2026-11-10 21:00",
        style="fearful",
        person="Alex",
        trigger="unanswered message",
        anxiety=7,
        avoidance=7,
        urges=(Urge("send another message", False), Urge("go quiet", False)),
        answers={"need": "I need a heads-up."},
    ),
    entry(
        "2026-11-12 07:00",
        style="avoidant",
        person="Sam",
        trigger="they asked to talk",
        anxiety=2,
        avoidance=8,
        urges=(Urge("go quiet", True),),
        followups=(
            FollowUp(
                None,
                "Ask to talk later",
                date(2026, 11, 13),
                "done",
                "We talked; it was OK.",
                at("2026-11-13 18:00"),
            ),
        ),
    ),
    entry(
        "2026-11-16 13:00",
        style="secure",
        person="Sam",
        trigger="they asked to talk",
        anxiety=2,
        avoidance=3,
        followups=(FollowUp(None, "Check in on Friday", date(2026, 11, 20)),),
    ),
    entry("2026-11-28 18:00", trigger="criticism"),
    entry(
        "2026-11-29 03:00",
        style="secure",
        tags=("they asked to talk",),
        anxiety=1,
        avoidance=1,
        followups=(FollowUp(None, "Plan a quiet evening", date(2026, 11, 30)),),
        answers={"belief": "I'm too much!"},
    ),
)
PATTERNS_OUTSIDE: tuple[NewEntry, ...] = (
    entry("2026-11-01 23:00", style="anxious", trigger="criticism", anxiety=9, avoidance=1),
    entry("2026-11-30 00:00", style="anxious", trigger="criticism", anxiety=9, avoidance=1),
)
# entries 7 on 7 days · anxiety (8+6+7+2+2+1)/6 = 26/6 = 4.33 → 4.3 · avoidance 23/6 → 3.8
# they asked to talk 3: avoidant 1, secure 2; go quiet 1 noticed, 0 not acted;
#   anxiety 5/3 → 1.7, avoidance 12/3 = 4.0
# unanswered message 3: anxious 2, fearful 1; send another message 3 noticed, 1 acted,
#   2 not acted; go quiet 1 noticed, 1 not acted; anxiety 21/3 = 7.0, avoidance 11/3 → 3.7
# not enough yet: criticism 1
# plane: W45 (7.0, 2.0) anxious · W46 (4.5, 7.5) avoidant · W47 (2.0, 3.0) · W48 (1.0, 1.0)
# when: 4 reactions, Mon Tue Wed Thu one each; morning 2, evening 2
# follow-through: 3 planned, 1 done, 1 open and due (20 Nov), 1 open later (30 Nov)
# beliefs: "I'm too much!" 3 times, last 29 Nov · needs: "I need a heads-up." once


def as_moments(entries: Sequence[NewEntry]) -> list[Moment]:
    """The rows the store would return for these entries (ids in order, from 1)."""
    return [
        Moment(
            id=index,
            created_at=item.created_at,
            kind=item.kind,
            style=item.style,
            person=item.person,
            trigger=item.trigger,
            anxiety=item.anxiety,
            avoidance=item.avoidance,
            tags=item.tags,
            urges=item.urges,
            followups=item.followups,
            answers={key: item.answers[key] for key in ANSWER_KEYS if key in item.answers},
        )
        for index, item in enumerate(entries, start=1)
    ]


def seed(entries: Sequence[NewEntry]) -> None:
    """Store entries in the test's private journal (ATTACHJOURNAL_HOME from conftest)."""
    from attachjournal.config import resolve_paths
    from attachjournal.store import open_journal
    from attachjournal.store.entries import add_entry

    journal = open_journal(resolve_paths(None))
    try:
        with journal.write() as session:
            for item in entries:
                add_entry(session, item, item.created_at)
    finally:
        journal.close()
