"""Builders for the publish / sign / install tests: keys made in tmp_path, signed copies of the mini pack."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from desktop.storage.pack_file import write_tables_atomic
from desktop.storage.signing import TrustedKey, generate_keypair, sign_file
from tests.helpers import doc_by_id, mini_tables, node


def make_key(folder: Path, name: str = "Test publisher") -> tuple[Path, TrustedKey]:
    """A fresh key pair in ``folder``: (private key path, trusted public key)."""
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / f"{name.replace(' ', '-').lower()}.pem"
    return private, generate_keypair(private, folder / f"{private.stem}.pub.json", name=name)


def tables_at(version: int, tables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The mini pack's tables (or a copy of ``tables``) with this data_version."""
    out = copy.deepcopy(tables) if tables is not None else mini_tables()
    next(iter(out["meta"].values()))["data_version"] = version
    return out


def signed_pack(tables: dict[str, Any], path: Path, private: Path) -> Path:
    """Write ``tables`` as a pack file and sign it; returns the pack path."""
    write_tables_atomic(tables, path)
    sign_file(path, private)
    return path


def set_verdict(tables: dict[str, Any], scenario_id: str, node_id: str, verdict: str) -> dict[str, Any]:
    node(doc_by_id(tables, "scenarios", scenario_id), node_id)["verdict"] = verdict
    return tables


def set_summary(tables: dict[str, Any], provision_id: str, summary: str) -> dict[str, Any]:
    doc_by_id(tables, "provisions", provision_id)["summary"] = summary
    return tables


def flip_byte(path: Path, offset: int = 200) -> None:
    """Change one byte of a file in place (a tampered pack)."""
    data = bytearray(path.read_bytes())
    data[offset] = ord("X") if data[offset] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
