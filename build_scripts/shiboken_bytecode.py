"""Compile PySide6's own start-up Python once, at build time, for the frozen bundle.

    .venv/bin/python build_scripts/shiboken_bytecode.py DEST   # writes DEST/shibokensupport/**/*.pyc

shiboken6 carries the Python half of its signature support (``shibokensupport``: the loader, the parser,
the .pyi generator, 13 modules) as source in a zip inside its C library, and its importer compiles that
source at every start, in the hello world as in the app. shiboken uses a folder ``files.dir`` beside
``shiboken6/__init__`` instead when one exists (its ``SBK_EMBED=0`` switch writes one there) and imports the
support from it the normal way, so bytecode there is loaded without compiling: 9-10 ms less CPU per launch
of the bundle (build_scripts/PERFORMANCE.md, "Seventeenth pass").

The spec calls ``write_support_bytecode`` and ships the result as ``shiboken6/files.dir``: the modules are
taken from the very shiboken6 being bundled (``signature_bootstrap.reincarnate_files``, the function behind
``SBK_EMBED=0``, writing into a temporary folder rather than into the venv) and compiled by the Python being
bundled, as unchecked-hash .pyc files with no source beside them, so nothing depends on file times in the
bundle. The source app is left as it is: a ``files.dir`` in the venv's site-packages would outlive a PySide6
upgrade (pip does not know the folder) and then feed the new shiboken the old modules.
"""

from __future__ import annotations

import argparse
import py_compile
import subprocess
import sys
import tempfile
from pathlib import Path

#: Run in a fresh interpreter, so the build's own process never imports PySide6: the embedded support
#: modules, written out by shiboken's own function into the folder given.
_EXTRACT = """
import sys
from pathlib import Path
import shiboken6  # noqa: F401  (runs the bootstrap, which leaves signature_bootstrap in sys.modules)
bootstrap = sys.modules.get("signature_bootstrap")
if bootstrap is None or not hasattr(bootstrap, "reincarnate_files"):
    sys.exit("shiboken6 has no signature_bootstrap.reincarnate_files: its support is no longer embedded this way")
if bootstrap.reincarnate_files(Path(sys.argv[1])) is None:
    sys.exit("shiboken6 could not write its support modules")
"""

#: The package shiboken imports from ``files.dir``; its ``signature_bootstrap.py`` is not imported from there
#: (the C library runs its own copy), so it is not shipped.
PACKAGE = "shibokensupport"


def write_support_bytecode(dest: Path) -> list[Path]:
    """Write the support modules of this interpreter's shiboken6 into ``dest`` as sourceless .pyc files
    compiled by this interpreter (the spec runs in the one being bundled); return them, sorted. Raises
    RuntimeError when this shiboken6 no longer embeds them the way this relies on."""
    dest = Path(dest)
    with tempfile.TemporaryDirectory(prefix="shiboken-support-") as tmp:
        sources = Path(tmp) / "files.dir"
        done = subprocess.run([sys.executable, "-c", _EXTRACT, str(sources)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"could not extract shiboken6's support modules: {(done.stderr or done.stdout).strip()}")
        modules = sorted((sources / PACKAGE).rglob("*.py"))
        if not modules:
            raise RuntimeError(f"shiboken6 wrote no {PACKAGE} modules into {sources}")
        compiled = []
        for module in modules:
            name = str(module.relative_to(sources))
            compiled.append(dest / (name[:-3] + ".pyc"))
            py_compile.compile(str(module), cfile=str(compiled[-1]), dfile=name, doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return sorted(compiled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder to write (the bundle's shiboken6/files.dir)")
    args = parser.parse_args(argv)
    try:
        written = write_support_bytecode(args.dest)
    except RuntimeError as error:
        print(f"shiboken_bytecode: {error}", file=sys.stderr)
        return 1
    print(f"shiboken_bytecode: {len(written)} modules compiled into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
