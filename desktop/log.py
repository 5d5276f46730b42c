"""Error logging: a rotating file in the platform log folder, errors only.

Nothing about what an officer searched, answered or saw is ever logged: callers log exceptions and
problems with data files, never user input."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop import paths

#: The package logger: every module's logging.getLogger(__name__) (desktop.ui.data_loading…) reaches it.
LOGGER_NAME = "desktop"
MAX_BYTES = 256 * 1024
BACKUPS = 3


def log_file() -> Path:
    return paths.user_log_dir() / "errors.log"


def setup_logging() -> logging.Logger:
    """Errors go to the rotating log file (created lazily, on the first error); to stderr only when the
    log folder cannot be made. Idempotent; set up again if the log folder changed (tests, --temp-basedir)."""
    logger = logging.getLogger(LOGGER_NAME)
    target = str(log_file())
    if getattr(logger, "_encounter_guide_configured", None) == target:
        return logger
    for old in [h for h in logger.handlers if getattr(h, "_encounter_guide", False)]:
        logger.removeHandler(old)
        old.close()
    logger.setLevel(logging.ERROR)
    logger.propagate = False
    handler = _FirstErrorHandler(logger, Path(target))
    handler._encounter_guide = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger._encounter_guide_configured = target  # type: ignore[attr-defined]
    return logger


def _open_log(path: Path) -> logging.Handler:
    try:
        import logging.handlers  # not at start-up: it pulls in sockets and pickling (~7 ms)

        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # read-only profile: still report, never crash
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._encounter_guide = True  # type: ignore[attr-defined]
    return handler


class _FirstErrorHandler(logging.Handler):
    """Stands in for the error log until the first error, then puts the real one in its own place."""

    def __init__(self, logger: logging.Logger, path: Path) -> None:
        super().__init__()
        self._logger = logger
        self._path = path
        self._real: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:  # called with this handler's lock held: once at a time
        if self._real is None:
            self._real = _open_log(self._path)
            handlers = self._logger.handlers
            if self in handlers:  # the same slot: a logger walking its handlers now never sees one twice
                handlers[handlers.index(self)] = self._real
        self._real.handle(record)

    def close(self) -> None:
        if self._real is not None:
            self._real.close()
        super().close()


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    """Log uncaught exceptions with their traceback (file only); show the officer a plain message."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        setup_logging().error("Unexpected error\n%s", text)
        message = (
            "Something went wrong inside Encounter Guide. The app is still running. "
            f"If it happens again, tell your supervisor; details were written to {log_file()}."
        )
        if show is not None:
            try:
                show(message)
                return
            except Exception:  # noqa: BLE001 - the crash handler itself must never crash
                pass
        print(message, file=sys.stderr)

    sys.excepthook = hook
