"""Asking on a terminal: the only module that imports questionary (and prompt_toolkit).

`QuestionaryAsker` implements `asking.Asker` one template question type at a time. It uses
`.unsafe_ask()` so Ctrl-C raises KeyboardInterrupt (and Ctrl-D / a closed terminal
EOFError) instead of returning None, which would look like a skipped answer; the flow turns
those into a kept draft. `on_first_prompt` runs once, right after the first prompt is
drawn: the flows use it to start loading the journal while the person reads. Input and
output can be injected (a pipe input in tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.application import Application
from questionary import Choice, Separator

from attachjournal.asking import (
    SOMETHING_ELSE,
    AskContext,
    emotion_choices,
    read_day,
    read_scale,
    trigger_choices,
    urge_groups,
)
from attachjournal.firstpaint import fit
from attachjournal.prompts import Question
from attachjournal.vocabulary import THINKING_TRAPS

LONG_LIST = 9
SKIP = "(skip)"
SKIP_VALUE = "\x00skip"  # questionary treats a None value as "use the title"
CHECKBOX_HINT = "(space to pick, Enter when done; none to skip)"
MULTILINE_INSTRUCTION = len("(Finish with 'Alt+Enter' or 'Esc then Enter')")
STYLE = questionary.Style([("qmark", "fg:#5f87af"), ("instruction", "fg:#808080 italic")])


class QuestionaryAsker:
    """Asks template questions with questionary prompts."""

    def __init__(
        self,
        on_first_prompt: Callable[[], None] | None = None,
        **prompt_options: Any,
    ) -> None:
        self._on_first_prompt = on_first_prompt
        self._options = prompt_options  # input= / output= for tests

    # -- plumbing ---------------------------------------------------------------------

    def _run(self, question: questionary.Question) -> Any:
        callback = self._on_first_prompt
        if callback is not None:
            self._on_first_prompt = None
            app: Application[Any] = question.application

            def started(_: object) -> None:
                app.after_render.remove_handler(started)
                try:
                    callback()
                except BaseException as exc:  # noqa: BLE001  (ends this prompt with it)
                    app.exit(exception=exc)

            app.after_render.add_handler(started)
        return question.unsafe_ask()

    def _text(
        self,
        message: str,
        *,
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        multiline: bool = False,
    ) -> str:
        extra = MULTILINE_INSTRUCTION if multiline and not instruction else len(instruction or "")
        answer = self._run(
            questionary.text(
                fit(message, extra),
                instruction=instruction,
                validate=validate,
                multiline=multiline,
                style=STYLE,
                **self._options,
            )
        )
        return str(answer)

    def _select(self, message: str, choices: Sequence[Any], instruction: str | None = None) -> Any:
        answer = self._run(
            questionary.select(
                fit(message, len(instruction or "(Use arrow keys)")),
                choices=list(choices),
                instruction=instruction,
                style=STYLE,
                **self._options,
            )
        )
        return None if answer == SKIP_VALUE else answer

    def _checkbox(self, message: str, choices: Sequence[Any]) -> list[str]:
        answer = self._run(
            questionary.checkbox(
                fit(message, len(CHECKBOX_HINT)),
                choices=list(choices),
                instruction=CHECKBOX_HINT,
                style=STYLE,
                **self._options,
            )
        )
        return [str(item) for item in answer or []]

    # -- asking.Asker -----------------------------------------------------------------

    def say(self, text: str) -> None:
        questionary.print(text, **self._print_options())

    def _print_options(self) -> dict[str, Any]:
        return {"output": self._options["output"]} if "output" in self._options else {}

    def confirm(self, message: str, default: bool = True) -> bool:
        return bool(self._run(questionary.confirm(message, default=default, **self._options)))

    def choose(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        choices = [Choice(label, value=value) for value, label in options]
        if len(choices) <= LONG_LIST:
            return str(self._select(message, choices))
        # A long list (every prompt template): typing narrows it down.
        hint = "(arrow keys, or type to narrow the list)"
        answer = self._run(
            questionary.select(
                fit(message, len(hint)),
                choices=choices,
                instruction=hint,
                use_search_filter=True,
                use_jk_keys=False,
                style=STYLE,
                **self._options,
            )
        )
        return str(answer)

    def write(self, message: str, long: bool = False) -> str | None:
        return self._text(message, multiline=long).strip() or None

    def ask(self, question: Question, context: AskContext) -> Any:
        handler = getattr(self, "_ask_" + question.type.replace("-", "_"))
        return handler(question, context)

    # -- one method per question type -------------------------------------------------

    def _hint(self, question: Question, extra: str = "") -> str | None:
        parts = [part for part in (question.help, extra) if part]
        if question.optional:
            parts.append("Enter to skip")
        return f"({'; '.join(parts)})" if parts else None

    def _ask_text(self, question: Question, context: AskContext) -> str | None:
        answer = self._text(
            question.ask, instruction=self._hint(question), validate=_required(question.optional)
        )
        return answer.strip() or None

    def _ask_long_text(self, question: Question, context: AskContext) -> str | None:
        # questionary adds its own "how to finish" line; ours would crowd the prompt.
        hint = self._hint(question, "leave it empty to skip" if question.optional else "")
        hint = hint.replace("; Enter to skip", "") if hint else ""
        answer = self._text(
            f"{question.ask} {hint}".strip(),
            validate=_required(question.optional),
            multiline=True,
        )
        return answer.strip() or None

    def _options_with_skip(self, question: Question, choices: Sequence[str]) -> list[Any]:
        # "(skip)" comes first so that Enter skips here too, as it does everywhere else.
        options: list[Any] = [Choice(SKIP, value=SKIP_VALUE)] if question.optional else []
        return options + [Choice(choice, value=choice) for choice in choices]

    def _ask_choice(self, question: Question, context: AskContext) -> str | None:
        answer = self._select(
            question.ask, self._options_with_skip(question, question.choices), question.help
        )
        return None if answer is None else str(answer)

    def _ask_multi_choice(self, question: Question, context: AskContext) -> list[str] | None:
        # Thinking traps get their one-line explanation under the list (no bare jargon).
        choices = [
            Choice(choice, value=choice, description=THINKING_TRAPS.get(choice))
            for choice in question.choices
        ]
        return self._checkbox(question.ask, choices) or None

    def _ask_yes_no(self, question: Question, context: AskContext) -> bool | None:
        options: list[Any] = [Choice(SKIP, value=SKIP_VALUE)] if question.optional else []
        options += [Choice("yes", value=True), Choice("no", value=False)]
        answer = self._select(question.ask, options, question.help)
        return None if answer is None else bool(answer)

    def _ask_scale(self, question: Question, context: AskContext) -> int | None:
        ends = f"0 = {question.low or 'none'}, 10 = {question.high or 'overwhelming'}"
        answer = self._text(
            question.ask,
            instruction=self._hint(question, ends),
            validate=_validator(read_scale, question.optional),
        )
        return read_scale(answer)

    def _ask_person(self, question: Question, context: AskContext) -> str | None:
        hint = self._hint(question, "Tab to complete a name you've used" if context.people else "")
        if not context.people:
            return self._ask_text(question, context)
        answer = self._run(
            questionary.autocomplete(
                fit(f"{question.ask} {hint}" if hint else question.ask, 0),
                choices=list(context.people),
                validate=_required(question.optional),
                style=STYLE,
                **self._options,
            )
        )
        return str(answer).strip() or None

    def _ask_trigger(self, question: Question, context: AskContext) -> str | None:
        answer = self._select(
            question.ask,
            self._options_with_skip(question, trigger_choices(question)),
            question.help,
        )
        if answer == SOMETHING_ELSE:
            own = self._text("In a few words, what set it off?", validate=_required(True))
            return own.strip() or SOMETHING_ELSE
        return None if answer is None else str(answer)

    def _ask_emotions(
        self, question: Question, context: AskContext
    ) -> dict[str, int | None] | None:
        picked = self._checkbox(question.ask, emotion_choices(question))
        intensities: dict[str, int | None] = {}
        for emotion in picked:
            answer = self._text(
                f"How strong was “{emotion}”?",
                instruction="(0-10; Enter to skip)",
                validate=_validator(read_scale, True),
            )
            intensities[emotion] = read_scale(answer)
        return intensities or None

    def _ask_urges(self, question: Question, context: AskContext) -> dict[str, bool | None] | None:
        options: list[Any] = []
        for title, urges in urge_groups(question):
            if title:
                options.append(Separator(f"— {title} —"))
            options.extend(Choice(urge, value=urge) for urge in urges)
        options.append(Separator("—"))
        options.append(Choice(SOMETHING_ELSE, value=SOMETHING_ELSE))
        picked = self._checkbox(question.ask, options)
        if SOMETHING_ELSE in picked:
            picked.remove(SOMETHING_ELSE)
            own = self._text("What was the urge, in a few words?", validate=_required(True))
            if own.strip():
                picked.append(own.strip())
        noticed: dict[str, bool | None] = {}
        for urge in picked:
            acted = self._select(
                f"Did you act on “{urge}”?",
                [
                    Choice("no — I noticed it and let it pass", value=False),
                    Choice("yes, I acted on it", value=True),
                    Choice(SKIP, value=SKIP_VALUE),
                ],
            )
            noticed[urge] = None if acted is None else bool(acted)
        return noticed or None

    def _ask_day(self, question: Question, context: AskContext) -> str | None:
        def check(text: str) -> bool | str:
            try:
                read_day(text, context.now)
            except ValueError as exc:
                return str(exc)
            return question.optional or bool(text.strip()) or "please give a day"

        hint = self._hint(question, "tomorrow, friday, 'in 3 days', 2026-12-01")
        answer = self._text(question.ask, instruction=hint, validate=check)
        return read_day(answer, context.now)


def _required(optional: bool) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        return optional or bool(text.strip()) or "this one needs an answer"

    return check


def _validator(reader: Callable[[str], object], optional: bool) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        try:
            reader(text)
        except ValueError as exc:
            return str(exc)
        return optional or bool(text.strip()) or "this one needs an answer"

    return check
