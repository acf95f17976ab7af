"""The templates ship inside the wheel and load from an editable install, through the same
loader the app uses (`attachjournal.prompts.load_library`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import attachjournal
from attachjournal.prompts import builtin_dir, load_library

ROOT = Path(__file__).resolve().parent.parent
SOURCE_IDS = sorted(p.stem for p in (ROOT / "prompts").glob("*.toml"))

PROBE = """
import json, sys
import attachjournal.prompts as prompts
library = prompts.load_library()
print(json.dumps({
    "package": prompts.__file__,
    "builtin_dir": str(prompts.builtin_dir()),
    "ids": sorted(library.templates),
    "problems": [str(p) for p in library.problems],
    "heavy": [m for m in ("sqlmodel", "questionary", "typer") if m in sys.modules],
}))
"""


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel offline, in-process, with hatchling's own builder, and unzip it."""
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_wheel_contains_every_template(unpacked_wheel: Path) -> None:
    shipped = sorted(p.stem for p in (unpacked_wheel / "attachjournal" / "prompts").glob("*.toml"))
    assert shipped == SOURCE_IDS
    assert len(shipped) >= 24
    assert (unpacked_wheel / "attachjournal" / "prompts.py").is_file()


def test_wheel_loads_its_templates_without_the_source_tree(unpacked_wheel: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    result = subprocess.run(
        [sys.executable, "-S", "-c", PROBE],  # -S: no site-packages, so no editable install
        env=env,
        cwd=unpacked_wheel,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(unpacked_wheel)
    assert Path(found["builtin_dir"]) == unpacked_wheel / "attachjournal" / "prompts"
    assert found["ids"] == SOURCE_IDS
    assert found["problems"] == []
    assert found["heavy"] == []


def test_editable_install_loads_from_the_source_tree() -> None:
    if not Path(attachjournal.__file__).is_relative_to(ROOT / "src"):
        pytest.skip("attachjournal is not installed in editable mode from this tree")
    assert builtin_dir() == ROOT / "prompts"
    library = load_library()
    assert sorted(library.templates) == SOURCE_IDS
    assert all(t.source == "builtin" for t in library.templates.values())


@pytest.mark.slow
def test_installed_script_lists_templates_from_anywhere(script_env) -> None:
    script = Path(sys.executable).with_name("attachjournal")
    result = subprocess.run(
        [str(script), "prompts", "list", "--json"],
        cwd="/",
        env=script_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(t["id"] for t in json.loads(result.stdout)) == SOURCE_IDS
