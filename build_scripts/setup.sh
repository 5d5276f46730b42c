#!/usr/bin/env bash
# Installs what Encounter Guide needs on a fresh Debian/Ubuntu machine: the system libraries the
# PySide6 wheels load but do not bundle (when run as root), a venv in .venv, and the pinned packages.
# Usage: build_scripts/setup.sh [runtime|dev]   (idempotent; fast when everything is present)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-dev}

APT_PKGS=(
  # offscreen minimum (libraries the Qt wheel loads) + one font family
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # a real window (xcb platform plugin)
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xkb1 libx11-xcb1
  # a virtual screen for machines without a display, and printing support used by "Save as PDF"
  xvfb xauth libcups2
)
# building the packaged app: objdump (binutils) lets the spec drop libraries nothing links to
# and strace proves in a test that the app makes no network system call; poppler-utils (pdftoppm) draws the
# saved booklet's pages in a test, as a PDF viewer would, to show its bookmarks change nothing printed
[ "$KIND" = dev ] && APT_PKGS+=(binutils strace poppler-utils)
PY=${PYTHON:-python3}
if ! command -v "$PY" >/dev/null || ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
  APT_PKGS+=(python3 python3-venv)
fi
if command -v dpkg-query >/dev/null; then
  missing=()
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: apt-get install ${missing[*]}" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "setup: missing system packages (run as root to install): ${missing[*]}" >&2
    fi
  fi
fi
command -v "$PY" >/dev/null || PY=python3

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
REQ=requirements.txt
[ "$KIND" = dev ] && REQ=requirements-dev.txt
stamp=".venv/.installed-$KIND-$(cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$REQ"
  if [ "$KIND" = dev ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  fi
  touch "$stamp"
fi
