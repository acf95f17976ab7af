"""The guided session around a reflection: drafts, follow-ups, today's suggestion.

A `Guide` holds the asker, the template library and a `JournalLoader`; it reads through
`store.raw` (no SQLModel needed, so the first question appears at once) and joins the
loader only to write. Interruptions (Ctrl-C, end of input, a closed terminal) in the middle
of a template keep the answers so far as a draft and leave as `InterruptedByUser`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from attachjournal.asking import AskContext, Asker
from attachjournal.errors import CancelledError, InterruptedByUser, NotFoundError, UsageError
from attachjournal.loading import JournalLoader
from attachjournal.prompts import Library, Template
from attachjournal.records import NewEntry
from attachjournal.reflect import (
    Progress,
    ask_template,
    build_entry,
    hangup_as_interrupt,
    shielded,
    template_style,
)
from attachjournal.store.drafts import DraftRecord, latest_draft
from attachjournal.store.followups import PlannedAction, due_followups
from attachjournal.store.raw import known_people, recent_entries
from attachjournal.today import LOOKBACK, suggest

CHECKIN_ID = "checkin"
INTERRUPTS = (KeyboardInterrupt, EOFError)


def find_template(library: Library, template_id: str) -> Template:
    """The template with this id, or a usage error naming the closest ids."""
    found = library.get(template_id.strip())
    if found is not None:
        return found
    close = library.close_matches(template_id.strip())
    guess = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"no template {template_id!r}{guess}", "`attachjournal prompts list` shows them all."
    )


def choosable(library: Library, style: str | None) -> list[Template]:
    """Templates `reflect` offers for a style: its own first, then any-style ones."""
    pool = [t for t in library.for_style(style) if t.kind != "checkin"]
    return sorted(pool, key=lambda t: ("any" in t.styles, t.styles, t.title))


def day_label(day: date) -> str:
    return day.strftime("%a %d %b")


def _label(template: Template) -> str:
    styles = ", ".join(template.styles)
    return f"{template.title}  ({styles})"


@dataclass
class Guide:
    """One interactive run: asks through `asker`, reads cheaply, writes through `loader`."""

    asker: Asker
    loader: JournalLoader
    library: Library
    now: datetime
    _people: list[str] | None = field(default=None, repr=False)

    def context(self) -> AskContext:
        if self._people is None:
            self._people = self.loader.read(known_people) or []
        return AskContext(now=self.now, people=tuple(self._people))

    # -- one template -------------------------------------------------------------------

    def run(
        self,
        template: Template,
        *,
        style: str | None = None,
        person: str | None = None,
        draft: DraftRecord | None = None,
    ) -> int:
        """Ask the template and save one entry; returns its id."""
        progress = Progress.from_draft(draft.answers) if draft else Progress()
        if person and "person" not in progress.answers:
            progress.answers["person"] = person
        style = draft.style if draft and style is None else style
        context = self.context()
        if draft is None:
            self.asker.say(f"\n{template.title}\n\n{template.intro.strip()}\n")
        else:
            self.asker.say(f"{template.title} — picking up where you left off.")
        try:
            with hangup_as_interrupt():
                ask_template(template, self.asker, context, progress)
        except INTERRUPTS:
            self._keep_draft(template, style, progress, draft)
        entry = build_entry(template, progress.answers, now=self.now, style=style)
        if entry is None:
            if draft is not None:
                self._discard(draft)
            raise CancelledError("nothing was answered, so nothing was saved")
        return self._save(entry, draft)

    def _keep_draft(
        self, template: Template, style: str | None, progress: Progress, draft: DraftRecord | None
    ) -> None:
        if not progress.started:
            if draft is not None:
                raise InterruptedByUser("interrupted; your earlier draft is still kept")
            raise InterruptedByUser("interrupted; nothing was saved")
        from attachjournal.store.drafts import save_draft

        person = progress.answers.get("person")
        with shielded(), self.loader.get().write() as session:
            save_draft(
                session,
                template=template.id,
                style=template_style(template, style),
                person=person if isinstance(person, str) else None,
                answers=progress.to_draft(),
                now=self.now,
                draft_id=draft.id if draft else None,
                started_at=draft.started_at if draft else None,
            )
        raise InterruptedByUser(
            "interrupted; your answers so far were kept as a draft",
            hint="Run `attachjournal reflect` to pick up where you left off, or discard it.",
        )

    def _save(self, entry: NewEntry, draft: DraftRecord | None) -> int:
        from attachjournal.store.drafts import discard_draft
        from attachjournal.store.entries import add_entry

        with shielded(), self.loader.get().write() as session:
            entry_id = add_entry(session, entry, self.now)
            if draft is not None:
                discard_draft(session, draft.id)
        self.asker.say(f"Saved entry {entry_id}.")
        for item in entry.followups:
            if item.due_on is not None:
                self.asker.say(
                    f"I'll ask how “{item.action}” went on {day_label(item.due_on)}. "
                    "(`attachjournal followups` lists what is due.)"
                )
        return entry_id

    def _discard(self, draft: DraftRecord) -> None:
        from attachjournal.store.drafts import discard_draft

        with self.loader.get().write() as session:
            discard_draft(session, draft.id)

    # -- drafts and follow-ups ----------------------------------------------------------

    def offer_draft(self) -> int | None:
        """Offer to resume or discard the latest draft; the saved entry's id if resumed."""
        draft = self.loader.read(latest_draft)
        if draft is None:
            return None
        template = self.library.get(draft.template) if draft.template else None
        answered = len([k for k in draft.answers if not k.startswith("_")])
        started = draft.started_at.astimezone(self.now.tzinfo).strftime("%a %d %b %H:%M")
        title = f"“{template.title}”" if template else f"from the template {draft.template!r}"
        options = [("resume", "Pick up where I left off")] if template else []
        options += [
            ("discard", "Discard it and start fresh"),
            ("keep", "Keep it for later and start fresh"),
        ]
        choice = self.asker.choose(
            f"You have an unfinished reflection {title}, started {started} "
            f"({answered} {'answer' if answered == 1 else 'answers'}). What would you like to do?",
            options,
        )
        if choice == "discard":
            self._discard(draft)
            self.asker.say("Discarded the draft.")
        if choice == "resume" and template is not None:
            return self.run(template, draft=draft)
        return None

    def ask_followups(self) -> int:
        """Ask how each due secure action went and record it; returns how many were recorded."""
        today = self.now.date()
        due = self.loader.read(lambda rows: due_followups(rows, today)) or []
        outcomes: list[tuple[PlannedAction, str, str | None]] = []
        for planned in due:
            assert planned.followup.due_on is not None
            when = planned.planned_at.astimezone(self.now.tzinfo).strftime("%a %d %b")
            choice = self.asker.choose(
                f"On {when} you planned: “{planned.followup.action}”. How did it go?",
                [
                    ("done", "I did it"),
                    ("not_done", "I didn't, this time"),
                    ("later", "Ask me another day"),
                ],
            )
            if choice == "later":
                continue
            note = self.asker.write("Anything to note about how it went? (Enter to skip)")
            outcomes.append((planned, choice, note))
        if outcomes:
            from attachjournal.store.followups import record_outcome

            with self.loader.get().write() as session:
                for planned, status, note in outcomes:
                    assert planned.followup.id is not None
                    record_outcome(session, planned.followup.id, status, note, self.now)
            self.asker.say(
                "Noted — thank you for checking back."
                if len(outcomes) == 1
                else f"Noted, all {len(outcomes)} — thank you for checking back."
            )
        return len(outcomes)

    # -- the commands -------------------------------------------------------------------

    def today(self) -> int:
        """Due follow-ups, a draft to resume, then today's suggestion and the reflection."""
        with interrupted_means("the follow-ups you answered were saved"):
            recorded = self.ask_followups()
        with interrupted_means("nothing more was saved" if recorded else "nothing was saved"):
            resumed = self.offer_draft()
            if resumed is not None:
                return resumed
            since = self.now - LOOKBACK
            recent = self.loader.read(lambda rows: recent_entries(rows, since)) or []
            suggestion = suggest(self.library, recent, self.now)
            if suggestion is None:
                return self.write_freely()
            template = suggestion.template
            summary = f"\n{template.summary}" if template.summary else ""
            lens = f" · {suggestion.style} lens" if suggestion.style else ""
            self.asker.say(
                f"\nToday's suggestion: {template.title}{lens}{summary}\nWhy: {suggestion.reason}\n"
            )
            choice = self.asker.choose(
                "What would you like to do?",
                [
                    ("take", "Start this reflection"),
                    ("other", "Pick another prompt"),
                    ("free", "Write freely instead"),
                    ("checkin", "Just a 60-second check-in"),
                ],
            )
            if choice == "free":
                return self.write_freely()
            if choice == "checkin":
                return self.checkin()
            if choice == "other":
                template = self.pick(choosable(self.library, None))
                return self.run(template)
        return self.run(template, style=suggestion.style)

    def reflect(self, template_id: str | None, style: str | None, person: str | None) -> int:
        """`reflect`: a named template, one of a style's, or one the person picks."""
        template = find_template(self.library, template_id) if template_id else None
        pool = [] if template else choosable(self.library, style)
        if template is None and not pool:
            raise NotFoundError(f"no templates for the {style} lens yet")
        with interrupted_means("nothing was saved"):
            resumed = self.offer_draft()
            if resumed is not None:
                return resumed
            if template is None:
                template = pool[0] if len(pool) == 1 else self.pick(pool)
        return self.run(template, style=style, person=person)

    def checkin(self, person: str | None = None) -> int:
        """The 60-second check-in template."""
        template = self.library.get(CHECKIN_ID)
        if template is None:
            raise NotFoundError("the check-in template is missing from the prompt library")
        return self.run(template, person=person)

    def pick(self, pool: list[Template]) -> Template:
        if not pool:
            raise NotFoundError("there are no prompt templates to choose from")
        value = self.asker.choose("Which prompt would you like?", [(t.id, _label(t)) for t in pool])
        return next(t for t in pool if t.id == value)

    def write_freely(self) -> int:
        """A blank page: one long answer saved as a note."""
        text = self.asker.write("Write whatever is on your mind.", long=True)
        if not text or not text.strip():
            raise CancelledError("nothing was written, so nothing was saved")
        entry = NewEntry(kind="note", text=text.strip(), created_at=self.now)
        return self._save(entry, None)


@contextmanager
def interrupted_means(what: str) -> Iterator[None]:
    """Ctrl-C / end of input outside a template: exit 130, saying what was kept."""
    try:
        with hangup_as_interrupt():
            yield
    except INTERRUPTS:
        raise InterruptedByUser(f"interrupted; {what}") from None
