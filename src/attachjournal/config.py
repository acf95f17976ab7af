"""Where the journal's files live.

One module decides every path so tests (and people) can move all data with a single
environment variable. Nothing here creates files: that happens when a command first
needs the database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "attachjournal"
HOME_ENV = "ATTACHJOURNAL_HOME"
DB_ENV = "ATTACHJOURNAL_DB"
DEBUG_ENV = "ATTACHJOURNAL_DEBUG"
DB_FILENAME = "journal.db"


@dataclass(frozen=True)
class Paths:
    """The resolved locations for one run of the program."""

    data_dir: Path
    config_dir: Path
    db: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def prompts_dir(self) -> Path:
        return self.config_dir / "prompts"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def resolve_paths(db_override: str | None = None, env: Mapping[str, str] | None = None) -> Paths:
    """Resolve paths: `--db` beats ATTACHJOURNAL_DB, which beats ATTACHJOURNAL_HOME and
    the platform defaults."""
    env = os.environ if env is None else env
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        data_dir = config_dir = root
    else:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    db_text = db_override or env.get(DB_ENV)
    db = Path(db_text).expanduser() if db_text else data_dir / DB_FILENAME
    return Paths(data_dir=data_dir, config_dir=config_dir, db=db)


def debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """True when ATTACHJOURNAL_DEBUG asks for full tracebacks."""
    env = os.environ if env is None else env
    return env.get(DEBUG_ENV, "") not in ("", "0", "false", "no")
