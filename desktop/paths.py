"""The only code that knows the bundle layout, frozen vs source, and the user directories."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID

#: Set to a folder to redirect every user directory (settings, data, logs) below it:
#: used by tests and by ``--temp-basedir`` for demos, so nothing touches the real profile.
BASEDIR_ENV = "ENCOUNTER_GUIDE_BASEDIR"
#: Set to a folder to watch for signed data pack updates instead of the default user-data inbox.
INBOX_ENV = "ENCOUNTER_GUIDE_INBOX"


def bundle_root() -> Path:
    """Folder holding data/ and resources/: the PyInstaller bundle when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def bundled_pack() -> Path:
    return bundle_root() / "data" / "encounter-guide.json"


def schema_file() -> Path:
    return bundle_root() / "data" / "schema.json"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def trusted_keys_file() -> Path:
    return resources_dir() / "trusted_keys.json"


def extra_trusted_keys_file() -> Path:
    """Publisher keys added by IT on this machine, trusted in addition to those shipped with the app."""
    return user_config_dir() / "trusted_keys.json"


def _user_dir(kind: str) -> Path:
    base = os.environ.get(BASEDIR_ENV)
    if base:
        return Path(base) / kind
    import platformdirs

    getter = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "log": platformdirs.user_log_dir,
    }[kind]
    return Path(getter(APP_ID, appauthor=False))


def user_data_dir() -> Path:
    """Installed data packs and their history (never inside the bundle)."""
    return _user_dir("data")


def inbox_dir() -> Path:
    """The watched folder for signed pack updates: $ENCOUNTER_GUIDE_INBOX, else <user data>/inbox."""
    override = os.environ.get(INBOX_ENV)
    return Path(override) if override else user_data_dir() / "inbox"


def user_config_dir() -> Path:
    """Settings: theme, text size, window state, last pack version seen."""
    return _user_dir("config")


def user_log_dir() -> Path:
    """Error log (errors only; never searches, answers or outcomes)."""
    return _user_dir("log")
