"""The console-script entry point.

`attachjournal --version` is answered here, before Typer (and everything behind it) is
imported, because people and scripts call it often and it should feel instant.
"""

import sys


def main() -> None:
    """Run the command line; the only function the console script calls."""
    if sys.argv[1:] == ["--version"]:
        from attachjournal import __version__

        sys.stdout.write(f"attachjournal {__version__}\n")
        return
    from attachjournal.cli import run

    run()
