#!/usr/bin/env bash
# Set up (first time only) and run every check: lint, architecture contracts, the whole pytest suite
# offscreen (data pack validation included), then the packaged-app smoke test when enabled.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build_scripts/setup.sh dev
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export QT_LOGGING_RULES=${QT_LOGGING_RULES:-"qt.qpa.*=false"}
echo "== ruff"; .venv/bin/ruff check desktop tests build_scripts
echo "== import contracts"; .venv/bin/lint-imports
echo "== data pack"; .venv/bin/python -m desktop --data data/encounter-guide.json check --strict
echo "== pytest"; .venv/bin/python -m pytest -q "$@"
if [ -f build_scripts/frozen_check.sh ] && [ "${SKIP_FROZEN:-0}" != 1 ]; then
  echo "== packaged app"; bash build_scripts/frozen_check.sh
fi
