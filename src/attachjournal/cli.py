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
import types
from collections.abc import Iterable, Sequence
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
HELP_FLAGS = frozenset(("--help", "-h"))
# Typer's help renderer imports these for markup_mode="markdown" and pretty tracebacks,
# neither of which this app uses: together ~45 ms of a ~190 ms `--help`.
HELP_UNUSED = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}
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
# Which module registers a command, so running one imports only that module (each module's
# imports and Typer's per-command set-up add up). Only a hint: `run` checks it and falls
# back to registering every module, so a missing or stale line costs speed, never behaviour.
COMMAND_HOMES = {
    "write": "entries",
    "list": "entries",
    "show": "entries",
    "edit": "entries",
    "delete": "entries",
    "reflect": "reflect",
    "today": "reflect",
    "checkin": "reflect",
    "week": "summaries",
    "patterns": "summaries",
    "followups": "followups",
    "followup": "followups",
    "export": "transfer",
    "import": "transfer",
    "prompts": "prompts",
    "learn": "learn",
    "backup": "safety",
    "encrypt": "safety",
    "decrypt": "safety",
    "info": "info",
}
ROOT_OPTIONS_WITH_VALUE = frozenset(("--db",))


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


class _Deferred(type):
    """A stand-in class that imports the real one the first time it is used."""

    _module: str

    def _real(cls) -> Any:
        return getattr(import_module(cls._module), cls.__name__)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls._real(), name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)


def load_help_renderer() -> None:
    """Import Typer's Rich help renderer without the Rich modules it never uses here.

    Stand-ins sit in `sys.modules` only while `typer.rich_utils` is imported, so anything
    that imports `rich.markdown` later gets the real module, and if the renderer ever did
    use a stand-in, it would load the real class then.
    """
    if "typer.rich_utils" in sys.modules:
        return
    added = []
    for name, attributes in HELP_UNUSED.items():
        if name in sys.modules:
            continue
        stand_in = types.ModuleType(name)
        for attribute in attributes:
            setattr(stand_in, attribute, _Deferred(attribute, (), {"_module": name}))
        sys.modules[name] = stand_in
        added.append(name)
    try:
        import_module("typer.rich_utils")
    finally:
        for name in added:
            del sys.modules[name]


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
        if HELP_FLAGS.intersection(sys.argv[1:] if args is None else args):
            load_help_renderer()
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
                import traceback

                traceback.print_exc()
            code = report(exc)
        if standalone_mode:
            sys.exit(code)
        return code


_app = typer.Typer(
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


@_app.callback()
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
    load_help_renderer()
    typer.echo(ctx.get_help())


_registered: list[str] = []


def register_modules(modules: Iterable[str]) -> typer.Typer:
    """Register each command module (once) on the root app and return the app."""
    for module in modules:
        if module not in _registered:
            import_module(f"attachjournal.commands.{module}").register(_app)
            _registered.append(module)
    return _app


def registered_names(app: typer.Typer) -> set[str]:
    """The names of the commands and command groups registered on `app` so far."""
    names = {
        info.name or (info.callback.__name__.lower().replace("_", "-") if info.callback else "")
        for info in app.registered_commands
    }
    for group in app.registered_groups:
        instance = group.typer_instance
        names.add(group.name or (instance.info.name if instance else None) or "")
    return names


def command_name(args: Sequence[str]) -> str | None:
    """The command `args` asks for, after the root options; None for none or unclear."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ROOT_OPTIONS_WITH_VALUE:
            index += 2
        elif arg.startswith("-"):
            if "=" not in arg or arg.split("=", 1)[0] not in ROOT_OPTIONS_WITH_VALUE:
                return None
            index += 1
        else:
            return arg
    return None


def __getattr__(name: str) -> typer.Typer:
    """`app`: the root app with every command registered (tests, docs, scripts)."""
    if name == "app":
        return register_modules(COMMAND_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """Entry point used by the console script: registers only the command being run."""
    name = command_name(sys.argv[1:])
    home = COMMAND_HOMES.get(name or "")
    app = register_modules([home] if home else COMMAND_MODULES)
    if home and name not in registered_names(app):
        app = register_modules(COMMAND_MODULES)
    app(prog_name=PROG)
