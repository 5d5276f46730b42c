#!/usr/bin/env bash
# Set up (first time only) and run Encounter Guide on the bundled data. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build_scripts/setup.sh runtime
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting on a virtual screen (xvfb-run). On a desktop, run from a graphical session." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m desktop "$@"
fi
exec .venv/bin/python -m desktop "$@"
