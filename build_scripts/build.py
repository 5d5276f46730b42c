"""Build the packaged app: a PyInstaller onedir bundle from build_scripts/encounter-guide.spec, then an archive.

    .venv/bin/python build_scripts/build.py            # -> dist/encounter-guide/ + dist/encounter-guide-<v>-linux-x86_64.tar.gz
    .venv/bin/python build_scripts/build.py --release  # refuses to bundle the test fixture as the data pack

Linux: the archive is a tar.gz of dist/encounter-guide/ (symlinks kept), with the .desktop file and a
256 px icon at its top. Windows: a .zip of the folder. macOS: a tar.gz of "Encounter Guide.app"
(a zip made with the zip tool would drop the symlinks the bundle needs).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_scripts" / "encounter-guide.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_ID = "encounter-guide"
#: PyInstaller warnings that are expected and harmless.
EXPECTED_WARNINGS = re.compile(
    r"Library (ole32|shell32|user32|kernel32) required via ctypes not found"  # platformdirs, Windows branch
    r"|could not resolve .libgtk-3|could not resolve .libgdk-3"  # the gtk3 theme plugin, which the spec drops
)


def app_version() -> str:
    tree = ast.parse((ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("build: no __version__ in desktop/__init__.py")


def disk_usage(folder: Path) -> tuple[int, int, int]:
    """(bytes on disk like `du -s`, apparent bytes, file count) of a folder; symlinks counted once, not followed."""
    on_disk = apparent = files = 0
    seen: set[tuple[int, int]] = set()
    for path in [folder, *folder.rglob("*")]:
        st = path.lstat()
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        on_disk += getattr(st, "st_blocks", 0) * 512 or st.st_size
        if path.is_file() and not path.is_symlink():
            apparent += st.st_size
            files += 1
    return on_disk, apparent, files


def run_pyinstaller(shrink: int, log_path: Path) -> list[str]:
    """Run PyInstaller on the spec; return its unexpected warnings. Exits on failure."""
    env = dict(os.environ, EG_SHRINK=str(shrink))
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    print("build: " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_text(proc.stdout, encoding="utf-8")
    for line in proc.stdout.splitlines():
        if line.startswith("encounter-guide.spec:"):
            print("  " + line)
    if proc.returncode != 0:
        print(proc.stdout[-6000:], file=sys.stderr)
        raise SystemExit(f"build: PyInstaller failed (exit {proc.returncode}); full log in {log_path}")
    return [line.strip() for line in proc.stdout.splitlines()
            if "WARNING" in line and not line.startswith("encounter-guide.spec:") and not EXPECTED_WARNINGS.search(line)]


def add_linux_desktop_files(bundle: Path) -> None:
    """The .desktop entry and a 256 px icon at the top of the folder, for installing into a menu."""
    shutil.copy2(ROOT / "resources" / f"{APP_ID}.desktop", bundle / f"{APP_ID}.desktop")
    shutil.copy2(ROOT / "resources" / "icons" / f"{APP_ID}-256.png", bundle / f"{APP_ID}.png")


def glibc_needed(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any bundled binary asks for: the oldest glibc the bundle runs on."""
    if not shutil.which("objdump"):
        return None
    newest = (0, 0)
    for path in [bundle / APP_ID, *bundle.rglob("*.so*")]:
        if not path.is_file() or path.is_symlink():
            continue
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}" if newest > (0, 0) else None


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def make_archive(source: Path, archive_stem: str) -> Path:
    """tar.gz (Linux, macOS) or zip (Windows) of one folder, with the folder itself at the archive's top."""
    if sys.platform.startswith("win"):
        return Path(shutil.make_archive(str(DIST / archive_stem), "zip", source.parent, source.name))
    target = DIST / f"{archive_stem}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(source, arcname=source.name, filter=_tar_filter)
    return target


def platform_tag() -> str:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64").replace("aarch64", "arm64")
    return f"{system}-{machine}"


def data_pack(release: bool) -> Path:
    """The data pack the spec bundles: EG_PACK (relative to the repository, as the spec reads it), else
    data/encounter-guide.json; when that is missing, the test fixture stands in (refused with ``release``). A real
    pack's validation stamp must vouch for its bytes under the current rules, or the build stops before PyInstaller:
    a missing or stale stamp would ship silently, and the frozen app would check the whole pack at every start."""
    real_pack = ROOT / (os.environ.get("EG_PACK") or Path("data", "encounter-guide.json"))
    if not real_pack.is_file():
        if release:
            raise SystemExit(f"build: --release needs the data pack, and {real_pack} is missing")
        print(f"build: WARNING: {real_pack} is missing; the test fixture is bundled instead. Not for release.")
        return real_pack
    from desktop.storage.pack_file import PackError, stamp_is_fresh, stamp_path

    try:
        fresh = stamp_is_fresh(real_pack)
    except PackError as exc:
        raise SystemExit(f"build: {real_pack} cannot be read: {'; '.join(map(str, exc.problems))}") from None
    if not fresh:
        stamp = stamp_path(real_pack)
        why = ("is missing" if not stamp.is_file() else
               "does not match the pack and the current rules (the pack, the schema or the rules changed since it "
               "was stamped)")
        raise SystemExit(
            f"build: the validation stamp {stamp} {why}, so the app would check the whole pack at every start. "
            f"Check and stamp it, then build again: .venv/bin/python -m desktop check --strict --stamp {real_pack} "
            "(and commit the .valid file with the pack). Nothing was built.")
    return real_pack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Encounter Guide package (PyInstaller onedir + archive).")
    parser.add_argument("--shrink", type=int, choices=[1, 2, 3], default=int(os.environ.get("EG_SHRINK", "2")),
                        help="1: unused modules only; 2 (default): also unused Qt plugins/libs/translations, "
                             "xcb+wayland+offscreen kept; 3: X11 only")
    parser.add_argument("--release", action="store_true",
                        help="fail unless the real data pack (data/encounter-guide.json or EG_PACK) is bundled")
    parser.add_argument("--no-archive", action="store_true", help="skip the tar.gz/zip")
    args = parser.parse_args(argv)

    version = app_version()
    real_pack = data_pack(args.release)  # before PyInstaller: a stale stamp stops the build in a second

    started = time.perf_counter()
    warnings = run_pyinstaller(args.shrink, WORK / "pyinstaller.log")
    bundle = DIST / APP_ID
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(bundle)
    built = time.perf_counter() - started

    glibc = glibc_needed(bundle) if sys.platform.startswith("linux") else None
    archive = None
    if not args.no_archive:
        source = DIST / "Encounter Guide.app" if sys.platform == "darwin" else bundle
        archive = make_archive(source, f"{APP_ID}-{version}-{platform_tag()}")
    total = time.perf_counter() - started

    on_disk, apparent, files = disk_usage(bundle)
    info = {
        "version": version,
        "platform": platform_tag(),
        "shrink": args.shrink,
        "bundle": str(bundle.relative_to(ROOT)),
        "bundle_bytes_on_disk": on_disk,
        "bundle_bytes": apparent,
        "bundle_files": files,
        "archive": str(archive.relative_to(ROOT)) if archive else None,
        "archive_bytes": archive.stat().st_size if archive else None,
        "data_pack": str(real_pack.relative_to(ROOT)) if real_pack.is_file() and real_pack.is_relative_to(ROOT)
        else ("fixture stand-in" if not real_pack.is_file() else str(real_pack)),
        "glibc_needed": glibc,
        "pyinstaller_seconds": round(built, 1),
        "total_seconds": round(total, 1),
        "warnings": warnings,
    }
    (DIST / f"{APP_ID}.build.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    for line in warnings:
        print(f"build: PyInstaller {line}")
    print(f"build: {bundle.relative_to(ROOT)}/  {on_disk / 2**20:.1f} MiB on disk "
          f"({apparent / 2**20:.1f} MiB in {files} files), PyInstaller {built:.1f} s")
    if glibc:
        print(f"build: the bundle needs glibc >= {glibc} (build on the oldest Linux you support)")
    if archive:
        print(f"build: {archive.relative_to(ROOT)}  {archive.stat().st_size / 2**20:.1f} MiB, total {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
