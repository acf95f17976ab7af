"""The Typer application: the root command, the error boundary and command registration.

Commands live in `attachjournal.commands.*`, one module per area, each with a
`register(app)` function; this module only wires them up. All failures pass through
`JournalGroup.main`, the one place that turns them into `Error:` lines and exit codes
(cli.md), so no command prints its own errors and no traceback reaches a person unless
ATTACHJOURNAL_DEBUG=1. Heavy imports (SQLModel, questionary) happen inside commands, so
`--help` stays fast.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from importlib import import_module
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from attachjournal import __version__
from attachjournal.config import debug_enabled
from attachjournal.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, JournalError
from attachjournal.typer_speed import install as _skip_needless_coercion

_skip_needless_coercion()

PROG = "attachjournal"
COMMAND_MODULES = (
    "reflect",
    "entries",
    "summaries",
    "followups",
    "transfer",
    "prompts",
    "learn",
    "safety",
    "info",
)


@dataclass
class AppState:
    """Root options every command can read from `ctx.obj`."""

    db: str | None = None


def print_error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"Error: {message}\n")
    if hint:
        sys.stderr.write(f"{hint}\n")
    sys.stderr.flush()


def _usage_hint(exc: _click.exceptions.UsageError) -> str | None:
    ctx = exc.ctx
    if ctx is None:
        return None
    return f"Try '{ctx.command_path} --help' for help."


def _bad_value_detail(exc: _click.exceptions.BadParameter) -> str | None:
    """Typer's number checks say what is wrong but not which value nor the whole range;
    name both (cli.md: errors name the bad value and what would be accepted)."""
    errors = getattr(exc.__cause__, "errors", None)
    if not callable(errors):
        return None
    try:
        first = errors()[0]
    except (IndexError, TypeError, ValueError):
        return None
    if "input" not in first:
        return None
    low, high = getattr(exc.param, "min", None), getattr(exc.param, "max", None)
    if low is not None and high is not None:
        accepted = f"a whole number from {low} to {high}"
    elif low is not None:
        accepted = f"a whole number of at least {low}"
    elif high is not None:
        accepted = f"a whole number up to {high}"
    elif "int" in str(first.get("type", "")):
        accepted = "a whole number"
    else:
        return None
    return f"{first['input']!r} is not {accepted}"


def report(exc: BaseException) -> int:
    """Print one failure as `Error:` lines and return its exit code."""
    if isinstance(exc, JournalError):
        print_error(exc.message, exc.hint)
        return exc.exit_code
    if isinstance(exc, _click.exceptions.BadParameter) and (detail := _bad_value_detail(exc)):
        print_error(exc.format_message().replace(exc.message, detail), _usage_hint(exc))
        return EXIT_USAGE
    if isinstance(exc, _click.exceptions.UsageError):
        print_error(exc.format_message(), _usage_hint(exc))
        return EXIT_USAGE
    if isinstance(exc, _click.exceptions.ClickException):
        print_error(exc.format_message())
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        if isinstance(exc.__cause__, KeyboardInterrupt):
            print_error("interrupted; nothing was changed")
            return EXIT_INTERRUPTED
        print_error("cancelled; nothing was changed")
        return EXIT_FAILED
    if isinstance(exc, KeyboardInterrupt):
        print_error("interrupted; nothing was changed")
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        return EXIT_FAILED
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        print_error(f"{exc.strerror}{where}")
        return EXIT_FAILED
    print_error(
        f"unexpected {type(exc).__name__}; nothing was changed",
        "Run again with ATTACHJOURNAL_DEBUG=1 to see the details, and please report it.",
    )
    return EXIT_FAILED


class JournalGroup(TyperGroup):
    """The root group: runs the command line and maps every failure to an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = result if isinstance(result, int) else 0
        except typer.Exit as exc:
            code = exc.exit_code
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001  (the one boundary)
            if debug_enabled():
                traceback.print_exc()
            code = report(exc)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=JournalGroup,
    name=PROG,
    help=(
        "A private journal for noticing how you react in close relationships, "
        "and practising small steps toward feeling secure.\n\n"
        "On a terminal, running it with no command starts today's reflection."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ATTACHJOURNAL_DB",
            metavar="PATH",
            help="Journal database file (default: journal.db in your data folder).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Root options; with no command, runs `today` on a terminal and shows help otherwise."""
    ctx.obj = AppState(db=db)
    if ctx.invoked_subcommand is not None:
        return
    from attachjournal.commands.common import is_interactive

    today = ctx.command.get_command(ctx, "today") if isinstance(ctx.command, TyperGroup) else None
    if today is not None and today.callback is not None and is_interactive():
        # The callback, not the command: Typer's vendored click would run the command's
        # own main(), which re-parses sys.argv and fails on root options such as --db.
        ctx.invoke(today.callback)
        return
    typer.echo(ctx.get_help())


for _module in COMMAND_MODULES:
    import_module(f"attachjournal.commands.{_module}").register(app)


def run() -> None:
    """Entry point used by the console script."""
    app(prog_name=PROG)
