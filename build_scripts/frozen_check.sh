#!/usr/bin/env bash
# Build the packaged app (PyInstaller onedir + tar.gz) and smoke-test the frozen executable offscreen:
# CLI calls against the bundled data, the GUI via --smoke-test (and for real under Xvfb when xvfb-run is
# there), fatal-marker scan of every output, bundle contents, size budget and start-up time.
# build_scripts/test.sh calls this after pytest; the whole run takes about 40-60 s on the 2-core CI machine.
# Always builds (about 20 s): a stale dist/ must never pass for a fresh one.
# Env: EG_SMOKE_ARGS="--no-gui" (say) passes extra options to smoke_test.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" build_scripts/build.py
XCB=()
command -v xvfb-run >/dev/null && XCB=(--xcb)   # also start it for real on Xvfb (setup.sh installs xvfb)
# shellcheck disable=SC2086
"$PY" build_scripts/smoke_test.py dist/encounter-guide/encounter-guide "${XCB[@]}" --json dist/smoke-report.json \
  ${EG_SMOKE_ARGS:-}
