"""Files the user asked for (handouts, playlists, exported quiz results): written atomically, with the
permissions any document of theirs would get (not the private 0600 of a temp file)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.storage.pack_file import write_bytes_atomic


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_user_file(data: bytes, path: str | Path) -> Path:
    """Write ``data`` to ``path`` in one step (never half-written). Raises OSError."""
    target = Path(path)
    write_bytes_atomic(data, target)
    try:
        os.chmod(target, 0o666 & ~_umask())
    except OSError:
        pass  # e.g. a file system without Unix permissions: the file is written, that is what matters
    return target
