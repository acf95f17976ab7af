"""Synthetic journals: the same entries written for attachjournal and for jrnl.

Generation is deterministic (seeded), so two runs compare the same journals. Entries are
spread at a constant density ending now, so a week holds about the same number of entries
at every size: that is what lets the benchmark ask whether a bounded query costs the same
on a big journal as on a small one. attachjournal's file is written through a direct bulk
path (stdlib sqlite3, one transaction) after the app's own code has created the schema,
so building 100k entries takes seconds and the schema can never drift from the real one.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from attachjournal.db import prepare
from attachjournal.vocabulary import EMOTIONS, TRIGGERS, URGES

ENTRIES_PER_DAY = 6
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
JRNL_TIME_FORMAT = "%Y-%m-%d %I:%M:%S %p"
STYLES = ("anxious", "avoidant", "fearful", "secure")
PEOPLE = (
    "Sam", "Alex", "Jordan", "Mum", "Dad", "Priya", "Noor", "Kai", "Robin", "Lena",
    "Tomás", "Ife", "Mei", "Chris", "Dana", "Olu", "Zoë", "Ravi", "Maya", "Theo",
)  # fmt: skip
TAGS = (
    "work", "family", "partner", "friends", "therapy", "texting", "weekend", "sleep",
    "holiday", "money", "health", "conflict", "repair", "gratitude", "dating", "moving",
    "birthday", "phone", "calm", "progress", "no-reply", "visit", "evening", "morning",
)  # fmt: skip
SENTENCES = (
    "I sent {p} a message this morning and the reply took hours.",
    "By lunch I had checked my phone more times than I want to admit.",
    "My chest felt tight and I kept replaying what {p} had said last night.",
    "I told myself that silence usually means nothing, but it did not feel that way.",
    "When {p} asked to talk later, my first thought was that something was wrong.",
    "I noticed the old urge to go quiet and pretend I did not care.",
    "Instead of sending another message I went for a walk around the block.",
    "It helped to name the feeling: worried, a little hurt, and tired.",
    "Later {p} explained that the day had simply been busy at work.",
    "I could see how quickly my mind filled the gap with the worst story.",
    "We talked over dinner and I said what I needed without blaming anyone.",
    "It was awkward for a moment, then it felt like we were on the same side.",
    "I want to remember that asking directly worked better than waiting and guessing.",
    "Part of me still wanted to keep score, and I let that thought pass.",
    "The evening was calm and I slept better than I expected.",
    "Tomorrow I will check in once, kindly, and then get on with my day.",
    "I felt crowded when {p} planned the whole weekend without asking me.",
    "My reflex was to bury myself in work and answer in single words.",
    "Writing this down shows me the pattern more clearly than living it does.",
    "A small step: I told {p} I needed an hour alone and that I would come back.",
    "{p} said that was fine, and it really was.",
    "I noticed I was reading a lot into one short reply.",
    "The evidence for my fear was thin; the evidence against it was most of this year.",
    "I am learning that closeness does not have to mean losing myself.",
)


@dataclass(frozen=True)
class SynthEntry:
    """One generated entry, in terms both journals can express."""

    uuid: str
    created_at: datetime
    kind: str
    style: str | None
    person: str | None
    trigger: str | None
    anxiety: int | None
    avoidance: int | None
    starred: bool
    tags: tuple[str, ...]
    text: str
    answers: dict[str, object]
    urges: tuple[tuple[str, bool | None], ...]
    followup: tuple[str, date, str] | None


def _text(rng: random.Random, person: str) -> str:
    """60–150 words of plausible journal prose mentioning `person`."""
    target = rng.randint(60, 150)
    words: list[str] = []
    while len(words) < target:
        words.extend(rng.choice(SENTENCES).format(p=person).split())
    return " ".join(words[:target]).rstrip(",;") + "."


def _entry(rng: random.Random, moment: datetime) -> SynthEntry:
    person = rng.choice(PEOPLE)
    kind = rng.choices(("reflection", "checkin", "note"), weights=(5, 2, 3))[0]
    reflection = kind == "reflection"
    urges = (
        tuple((name, rng.random() < 0.4) for name in rng.sample(URGES, rng.randint(1, 3)))
        if reflection
        else ()
    )
    answers: dict[str, object] = {}
    followup = None
    if reflection:
        answers = {
            "situation": _text(rng, person)[:200],
            "emotions": {name: rng.randint(2, 9) for name in rng.sample(EMOTIONS, 2)},
            "belief": "If they don't answer, I don't matter to them.",
            "balanced_thought": "Busy days happen; a slow reply is not a verdict on me.",
        }
        if rng.random() < 0.3:
            followup = (
                "Ask directly instead of waiting",
                (moment + timedelta(days=2)).date(),
                rng.choice(("open", "done", "not_done")),
            )
    return SynthEntry(
        uuid=str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
        created_at=moment,
        kind=kind,
        style=rng.choice(STYLES) if kind != "note" or rng.random() < 0.5 else None,
        person=person if kind != "checkin" or rng.random() < 0.5 else None,
        trigger=rng.choice(TRIGGERS) if reflection else None,
        anxiety=rng.randint(0, 10),
        avoidance=rng.randint(0, 10),
        starred=rng.random() < 0.05,
        tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
        text=_text(rng, person),
        answers=answers,
        urges=urges,
        followup=followup,
    )


def generate(count: int, end: datetime, seed: int = 7) -> Iterator[SynthEntry]:
    """`count` entries, oldest first, about ENTRIES_PER_DAY a day, the newest at `end`."""
    rng = random.Random(seed * 1_000_003 + count)
    slot = 86_400 // ENTRIES_PER_DAY
    end = end.astimezone(UTC).replace(microsecond=0)
    for index in range(count - 1, -1, -1):
        jitter = rng.randint(0, slot - 1) if index else 0
        yield _entry(rng, end - timedelta(seconds=index * slot + jitter))


def _ids(names: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Lower-cased name -> (id, first spelling), as the app's NOCASE columns would give."""
    ids: dict[str, tuple[int, str]] = {}
    for name in names:
        ids.setdefault(name.lower(), (len(ids) + 1, name))
    return ids


def write_attachjournal(entries: Sequence[SynthEntry], path: Path) -> None:
    """Create a real attachjournal file at `path` and bulk-insert `entries` into it."""
    prepare(path, path.parent / "backups")
    people = _ids(e.person for e in entries if e.person)
    tags = _ids(tag for e in entries for tag in e.tags)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO people (id, name) VALUES (?, ?)", people.values())
        conn.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", tags.values())
        conn.executemany(
            "INSERT INTO entries (id, uuid, created_at, updated_at, kind, style, template, "
            'person_id, "trigger", anxiety, avoidance, starred, text, answers) '
            "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    n,
                    e.uuid,
                    e.created_at.strftime(UTC_FORMAT),
                    e.created_at.strftime(UTC_FORMAT),
                    e.kind,
                    e.style,
                    people[e.person.lower()][0] if e.person else None,
                    e.trigger,
                    e.anxiety,
                    e.avoidance,
                    int(e.starred),
                    e.text,
                    json.dumps(e.answers, ensure_ascii=False, sort_keys=True),
                )
                for n, e in enumerate(entries, 1)
            ),
        )
        conn.executemany(
            "INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
            ((n, tags[t.lower()][0]) for n, e in enumerate(entries, 1) for t in e.tags),
        )
        conn.executemany(
            "INSERT INTO urges (entry_id, name, acted) VALUES (?, ?, ?)",
            ((n, name, acted) for n, e in enumerate(entries, 1) for name, acted in e.urges),
        )
        conn.executemany(
            "INSERT INTO followups (entry_id, action, due_on, status) VALUES (?, ?, ?, ?)",
            (
                (n, e.followup[0], e.followup[1].isoformat(), e.followup[2])
                for n, e in enumerate(entries, 1)
                if e.followup
            ),
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def jrnl_entry(entry: SynthEntry) -> str:
    """One entry in jrnl's plain-text format: local time, title line, body, @tags."""
    local = entry.created_at.astimezone()
    title, _, body = entry.text.partition(". ")
    words = [f"@{tag}" for tag in entry.tags]
    if entry.style:
        words.append(f"@{entry.style}")
    star = " *" if entry.starred else ""
    tail = f"\n{' '.join(words)}" if words else ""
    return f"[{local.strftime(JRNL_TIME_FORMAT)}] {title.rstrip('.')}.{star}\n{body}{tail}\n\n"


def write_jrnl(entries: Iterable[SynthEntry], path: Path) -> None:
    """Write `entries` as a jrnl journal file (what jrnl itself reads and rewrites)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(jrnl_entry(entry) for entry in entries)


def jrnl_config(journal: Path) -> str:
    """A jrnl 4.6 config (YAML) for one plain-text journal, colours off."""
    return (
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        f"timeformat: '{JRNL_TIME_FORMAT}'\nversion: '4.6'\n"
    )
