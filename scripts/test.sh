#!/usr/bin/env bash
# Set up (see scripts/setup.sh) and run the linter and the whole test suite, offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
