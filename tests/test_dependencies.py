"""pyproject's ranges against requirements.txt's pins: the app says it runs on what it is tested on."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO


def _pins() -> dict[str, str]:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {name.lower(): version for line in lines if (m := re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip()))
            for name, version in [m.groups()]}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_pyside6_floor_is_the_release_the_app_is_tested_on():
    """pyproject allowed PySide6 6.7, where screen-reader announcements (QAccessibleAnnouncementEvent, 6.8+) were
    silent and nothing else was ever tried: its floor is now the release requirements.txt pins, which setup.sh
    installs and every test runs on."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [spec] = [d for d in project["dependencies"] if d.lower().startswith("pyside6-essentials")]
    floor = re.search(r">=\s*([0-9.]+)", spec)
    assert floor, spec
    pins = _pins()
    assert _version(floor.group(1)) == _version(pins["pyside6-essentials"]) == _version(pins["shiboken6"]), spec
    assert _version(floor.group(1)) >= (6, 8), "announcements to a screen reader need 6.8"
