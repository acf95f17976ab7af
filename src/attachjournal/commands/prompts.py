"""`prompts list/show/check`: the template library, built-in and the person's own.

Fast on purpose: nothing here touches the journal, so neither SQLModel nor questionary is
imported. A broken file in the person's prompts folder is skipped with one warning on
stderr; the built-ins keep working.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from attachjournal.commands.common import JsonOpt, console, paths_from, print_json, style_option
from attachjournal.errors import JournalError, UsageError
from attachjournal.prompts import (
    ANY_STYLE,
    Library,
    Problem,
    Question,
    Template,
    builtin_dir,
    check_files,
    load_library,
)
from attachjournal.styles import STYLE_NAMES

if TYPE_CHECKING:
    from rich.console import RenderableType

prompts_app = typer.Typer(
    name="prompts",
    help="Browse the prompt templates (built-in and your own) and check template files.",
    no_args_is_help=True,
)

FilterStyleOpt = Annotated[
    str | None,
    typer.Option(
        "--style",
        "-s",
        parser=style_option,
        metavar="STYLE",
        help="Only templates for this style (anxious, avoidant, fearful, secure) or for any.",
    ),
]


def load_for(ctx: typer.Context) -> Library:
    """Built-ins plus the person's prompts folder, warning once about files that were skipped."""
    prompts_dir = paths_from(ctx).prompts_dir
    library = load_library(user_dir=prompts_dir)
    broken = sorted({p.file for p in library.problems})
    if broken:
        files = ", ".join(broken)
        sys.stderr.write(
            f"Warning: skipped {len(broken)} template file(s) with problems: {files}\n"
            "Run `attachjournal prompts check` to see what is wrong.\n"
        )
    return library


def _order(template: Template) -> tuple[int, int, str]:
    """Style-specific templates first (in style order), then the ones for any style."""
    ranks = [STYLE_NAMES.index(s) for s in template.styles if s in STYLE_NAMES]
    return (0 if ranks else 1, min(ranks, default=0), template.id)


def list_templates(
    ctx: typer.Context, style: FilterStyleOpt = None, as_json: JsonOpt = False
) -> None:
    """List the prompt templates, built-in and your own; --style keeps those that fit."""
    library = load_for(ctx)
    templates = sorted(library.for_style(style), key=_order)
    if as_json:
        print_json([_as_json(t) for t in templates])
        return
    if not templates:
        console().print("No templates fit that style.")
        return
    console().print(_table(templates))


def _as_json(template: Template) -> dict[str, object]:
    return {
        "id": template.id,
        "title": template.title,
        "styles": list(template.styles),
        "kind": template.kind,
        "source": template.source,
        "summary": template.summary,
        "situations": list(template.situations),
        "questions": len(template.questions),
    }


def _table(templates: list[Template]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("template", no_wrap=True)
    table.add_column("styles", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("source", overflow="fold")
    for t in templates:
        source = "built-in" if t.source == "builtin" else t.source
        name = Text.assemble((t.id, "bold"), "\n", (t.title, "dim"))
        table.add_row(name, ", ".join(t.styles), t.kind, source)
    return table


def show_template(
    ctx: typer.Context,
    template_id: Annotated[
        str, typer.Argument(metavar="ID", help="The template's id (see `prompts list`).")
    ],
) -> None:
    """Show one template: its intro and every question, with type and condition."""
    library = load_for(ctx)
    template = library.get(template_id)
    if template is None:
        raise unknown_template(library, template_id)
    console().print(_details(template))


def unknown_template(library: Library, template_id: str) -> UsageError:
    """The usage error for an id that isn't in the library, naming close matches."""
    close = library.close_matches(template_id)
    hint = f"Did you mean: {', '.join(close)}? " if close else ""
    return UsageError(
        f"no template called {template_id!r}",
        hint=hint + "`attachjournal prompts list` shows them all.",
    )


def describe_type(question: Question) -> str:
    """A question's type in words: "scale 0-10 (calm … overwhelming)", "choice: a / b"."""
    text = question.type
    if question.type == "scale":
        text = "scale 0–10"
        if question.low or question.high:
            text += f" ({question.low or '0'} … {question.high or '10'})"
    elif question.choices:
        text += ": " + " / ".join(question.choices)
    if not question.optional:
        text += " · required"
    if question.when is not None:
        text += " · " + question.when.describe()
    return text


def _details(template: Template) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    styles = "any style" if ANY_STYLE in template.styles else ", ".join(template.styles)
    source = "built-in" if template.source == "builtin" else template.source
    parts: list[RenderableType] = [
        Text.assemble((template.title, "bold"), f"  ({template.id})"),
        Text(f"For: {styles} · kind: {template.kind} · {source}", style="dim"),
    ]
    if template.summary:
        parts.append(Text(template.summary))
    parts += [Text(), Text(" ".join(template.intro.split())), Text()]
    questions = Table.grid(padding=(0, 1))
    questions.add_column(justify="right", no_wrap=True)
    questions.add_column()
    for number, question in enumerate(template.questions, start=1):
        lines = [Text(question.ask, "bold")]
        lines.append(Text(f"{describe_type(question)} · saved as {question.key}", "dim"))
        if question.help:
            lines.append(Text(question.help, "italic"))
        questions.add_row(f"{number}.", Group(*lines))
    parts.append(questions)
    return Group(*parts)


def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Template files or folders to check (default: built-ins and your prompts folder).",
        ),
    ] = None,
) -> None:
    """Check template files and report every problem with its file, template id and key."""
    if paths:
        groups = [list(paths)]
    else:
        user_dir = paths_from(ctx).prompts_dir
        groups = [[builtin_dir()]]
        if any(user_dir.glob("*.toml")):
            groups.append([user_dir])
    # Each group is checked on its own: a user file overriding a built-in id is intended.
    problems: list[Problem] = [p for group in groups for p in check_files(group)]
    checked = sum(_count(path) for group in groups for path in group)
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if problems:
        files = len({p.file for p in problems})
        raise JournalError(f"{len(problems)} problem(s) in {files} of {checked} template file(s)")
    console().print(f"OK: {checked} template file(s) checked, no problems found.")


def _count(path: Path) -> int:
    return len(list(path.glob("*.toml"))) if path.is_dir() else 1


def register(app: typer.Typer) -> None:
    prompts_app.command("list")(list_templates)
    prompts_app.command("show")(show_template)
    prompts_app.command("check")(check)
    app.add_typer(prompts_app)
