"""Shared fixtures. Qt runs offscreen unless --onscreen; user folders always go to tmp_path."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED_PACK = REPO / "data" / "encounter-guide.json"
MINI_PACK = FIXTURES / "mini-pack.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show GUI tests on the real screen")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--onscreen"):
        os.environ["QT_QPA_PLATFORM"] = ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "qapp" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real profile: settings, installed packs and logs live in a temp folder."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("ENCOUNTER_GUIDE_BASEDIR", str(base))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    return base


@pytest.fixture
def user_base() -> Path:
    return Path(os.environ["ENCOUNTER_GUIDE_BASEDIR"])


@pytest.fixture
def mini_pack_path(tmp_path: Path) -> Path:
    """A writable copy of the small test pack."""
    target = tmp_path / "mini-pack.json"
    shutil.copyfile(MINI_PACK, target)
    return target


@pytest.fixture(scope="session")
def mini_pack():
    from desktop.storage.pack_file import load_pack

    return load_pack(MINI_PACK).pack


@pytest.fixture(scope="session")
def bundled():
    from desktop.storage.pack_file import load_pack

    return load_pack(BUNDLED_PACK)


@pytest.fixture
def fresh_log():
    """The package logger as a new process has it; its handlers closed afterwards."""
    from desktop import log

    logger = logging.getLogger(log.LOGGER_NAME)

    def reset() -> None:
        for handler in [h for h in logger.handlers if getattr(h, "_encounter_guide", False)]:
            logger.removeHandler(handler)
            handler.close()
        logger._encounter_guide_configured = None  # type: ignore[attr-defined]
        logger.propagate = True
        logger.setLevel(logging.NOTSET)

    reset()
    yield logger
    reset()
