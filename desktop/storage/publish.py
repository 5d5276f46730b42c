"""Publish a supervisor's edited pack: next data version, dates, the one validator, atomic write, signature."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.codec import Tables, pack_to_tables, table_docs
from desktop.domain.model import Pack
from desktop.domain.validation import Problem, validate_tables
from desktop.storage.pack_file import (
    PackError,
    load_schema,
    parse_bytes,
    read_bytes,
    write_bytes_atomic,
    write_tables_atomic,
)
from desktop.storage.signing import load_private_key, public_key_id, signature_bytes, signature_path


@dataclass(frozen=True)
class PublishResult:
    path: Path
    signature_path: Path
    data_version: int
    as_of: dt.date
    sha256: str
    key_id: str
    warnings: tuple[Problem, ...] = ()


def read_tables(path: Path | str) -> Tables:
    """A pack file's raw tables (strict JSON), for editing and publishing. Raises PackError."""
    path = Path(path)
    tables = parse_bytes(read_bytes(path), path.name)
    if not isinstance(tables, dict):
        raise PackError([Problem(path.name, "", "", "", "must hold a JSON object of tables")])
    return tables


def publish(source: Tables | Pack, target_path: Path | str, private_key_path: Path | str,
            as_of: dt.date | None = None, today: dt.date | None = None,
            source_name: str | None = None) -> PublishResult:
    """Write ``source`` as the next data version to ``target_path`` and sign it.

    data_version becomes the source's + 1, as_of becomes ``as_of`` (default today) and reviewed_on today.
    Refuses (PackError listing every problem) a pack the validator rejects; nothing is written then.
    Problems name ``source_name`` (the file the supervisor edits) when given, else the target file."""
    target = Path(target_path)
    name = source_name or target.name
    today = today or dt.date.today()
    tables = pack_to_tables(source) if isinstance(source, Pack) else copy.deepcopy(source)
    key = load_private_key(private_key_path)  # fail before writing anything
    metas = table_docs(tables, "meta") if isinstance(tables, dict) else []
    if len(metas) != 1 or not isinstance(metas[0][1], dict):
        raise PackError([Problem(name, "meta", "", "", "must hold exactly one document")])
    meta = metas[0][1]
    old_version = meta.get("data_version")
    if not isinstance(old_version, int) or isinstance(old_version, bool):
        raise PackError([Problem(name, "meta", "", "data_version", "must be a whole number")])
    meta["data_version"] = old_version + 1
    meta["as_of"] = (as_of or today).isoformat()
    meta["reviewed_on"] = today.isoformat()
    report = validate_tables(tables, load_schema(), file=name)
    if report.errors or report.pack is None:
        raise PackError(report.errors or [Problem(name, "", "", "", "could not be read as a data pack")])
    data = write_tables_atomic(tables, target)
    sig_path = signature_path(target)
    write_bytes_atomic(signature_bytes(data, key), sig_path)
    return PublishResult(
        path=target,
        signature_path=sig_path,
        data_version=report.pack.meta.data_version,
        as_of=report.pack.meta.as_of,
        sha256=hashlib.sha256(data).hexdigest(),
        key_id=public_key_id(key),
        warnings=tuple(report.warnings),
    )
