"""The frozen bundle's PySide start-up bytecode (build_scripts/shiboken_bytecode.py): every support module
shiboken6 loads at start is written, as bytecode Python loads without its source or compiling it."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import marshal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))
import shiboken_bytecode  # noqa: E402

#: What a plain start of this shiboken6 imports from its embedded support, and from where.
_LOADED = """
import json, sys
import PySide6.QtWidgets  # noqa: F401
print(json.dumps({name: getattr(module, "__file__", None) for name, module in sys.modules.items()
                  if name.split(".")[0] == "shibokensupport"}))
"""

def _module_name(folder: Path, pyc: Path) -> str:
    parts = list(pyc.relative_to(folder).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_support_module_shiboken_loads_is_written_as_sourceless_bytecode(tmp_path: Path):
    written = shiboken_bytecode.write_support_bytecode(tmp_path)
    assert written and all(p.suffix == ".pyc" and p.is_file() for p in written)
    assert not list(tmp_path.rglob("*.py")), "no source is shipped beside the bytecode"
    names = sorted(_module_name(tmp_path, p) for p in written)

    loaded = json.loads(subprocess.run([sys.executable, "-c", _LOADED], capture_output=True, text=True,
                                       check=True).stdout)
    # This venv's shiboken compiles them from its embedded zip (no files.dir beside it) ...
    assert loaded and all(f and f.endswith(".py") and not Path(f).is_absolute() for f in loaded.values()), loaded
    # ... and the folder holds every one of them.
    assert sorted(loaded) == names

    # Python's own import system finds each in the folder as bytecode with no source to compile, in a form
    # it loads without looking for one (this interpreter's magic number, an unchecked hash).
    for pyc in written:
        name = _module_name(tmp_path, pyc)
        parent, _, leaf = name.rpartition(".")
        where = tmp_path.joinpath(*parent.split(".")) if parent else tmp_path
        spec = importlib.machinery.PathFinder.find_spec(leaf, [str(where)])
        assert spec is not None and isinstance(spec.loader, importlib.machinery.SourcelessFileLoader), name
        assert Path(spec.origin) == pyc, (name, spec.origin)
        header = pyc.read_bytes()[:8]
        assert header[:4] == importlib.util.MAGIC_NUMBER and int.from_bytes(header[4:8], "little") == 0b01, name
        code = marshal.loads(pyc.read_bytes()[16:])
        assert code.co_filename == str(pyc.relative_to(tmp_path).with_suffix(".py")), name


def test_the_build_stops_with_a_reason_when_shiboken_no_longer_embeds_its_support(tmp_path, monkeypatch):
    monkeypatch.setattr(shiboken_bytecode, "_EXTRACT", "import sys; sys.exit('no signature_bootstrap here')")
    with pytest.raises(RuntimeError, match="no signature_bootstrap here"):
        shiboken_bytecode.write_support_bytecode(tmp_path)
    assert shiboken_bytecode.main([str(tmp_path / "out")]) == 1
