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


def _stderr_handler() -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._encounter_guide = True  # type: ignore[attr-defined]
    return handler


def _open_log(path: Path) -> logging.Handler:
    try:
        import logging.handlers  # not at start-up: it pulls in sockets and pickling (~7 ms)

        from desktop.storage.pack_file import is_special_file

        path.parent.mkdir(parents=True, exist_ok=True)
        if is_special_file(path):  # a pipe: opening it to write waited for a reader, and the window froze at an error
            print(f"Encounter Guide could not write its error log {path}: it is a pipe or a device, not a file",
                  file=sys.stderr)
            return _stderr_handler()
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return _stderr_handler()  # read-only profile: still report, never crash
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
            self._real.handleError = self._log_failed  # type: ignore[method-assign]
            self._swap(self, self._real)
        self._real.handle(record)

    def _swap(self, old: logging.Handler, new: logging.Handler) -> None:
        handlers = self._logger.handlers
        if old in handlers:  # the same slot: a logger walking its handlers now never sees one twice
            handlers[handlers.index(old)] = new

    def _log_failed(self, record: logging.LogRecord) -> None:
        """The log file could not be written (a folder in its place, a full disk, no permission): logging's own
        "--- Logging error ---" and its traceback went to the terminal and the error itself was lost. Say why in a
        line, and report this error and the next ones on stderr, as when the log folder cannot be made."""
        failed = sys.exc_info()[1]
        if not isinstance(failed, OSError):  # a message its arguments do not fit (a bug in that call): the log is fine
            logging.Handler.handleError(self._real or self, record)
            return
        why = failed.strerror or str(failed)
        fallback = _stderr_handler()
        broken, self._real = self._real, fallback
        if broken is not None:
            self._swap(broken, fallback)
            try:
                broken.close()
            except Exception:  # noqa: BLE001 - closing what failed must not fail the report
                pass
        print(f"Encounter Guide could not write its error log {self._path}: {why}", file=sys.stderr)
        fallback.handle(record)

    def close(self) -> None:
        if self._real is not None:
            self._real.close()
        super().close()


def _log_written() -> bool:
    """Whether what was just logged went to the error log file: the log still writes to it (a full disk or a folder
    in its place turns it to stderr, see _FirstErrorHandler._log_failed) and the file is there."""
    handlers = [h for h in logging.getLogger(LOGGER_NAME).handlers if getattr(h, "_encounter_guide", False)]
    if not any(isinstance(h, logging.FileHandler) for h in handlers):
        return False
    try:
        return log_file().is_file()
    except OSError:
        return False


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    """Log uncaught exceptions with their traceback (file only); show the officer a plain message."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        setup_logging().error("Unexpected error\n%s", text)
        message = "Something went wrong inside Encounter Guide. The app is still running. If it happens again, tell " + (
            f"your supervisor; details were written to {log_file()}." if _log_written() else "your supervisor.")
        if show is not None:
            try:
                show(message)
                return
            except Exception:  # noqa: BLE001 - the crash handler itself must never crash
                pass
        print(message, file=sys.stderr)

    sys.excepthook = hook
