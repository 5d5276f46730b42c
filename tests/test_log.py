"""Errors go to a rotating log in the (redirected) log folder; the officer sees a plain message."""

from __future__ import annotations

import sys

from desktop import log


def test_excepthook_logs_traceback_and_shows_plain_message(user_base, monkeypatch):
    monkeypatch.setattr(log.logging.getLogger(log.LOGGER_NAME), "_encounter_guide_configured", False, raising=False)
    shown: list[str] = []
    old = sys.excepthook
    try:
        log.install_excepthook(shown.append)
        try:
            raise RuntimeError("boom inside a widget")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
        for h in list(log.logging.getLogger(log.LOGGER_NAME).handlers):
            h.close()
            log.logging.getLogger(log.LOGGER_NAME).removeHandler(h)
        log.logging.getLogger(log.LOGGER_NAME)._encounter_guide_configured = False
    assert shown and "Traceback" not in shown[0] and "still running" in shown[0]
    text = log.log_file().read_text(encoding="utf-8")
    assert "RuntimeError: boom inside a widget" in text and "Traceback" in text
    assert str(log.log_file()).startswith(str(user_base))
