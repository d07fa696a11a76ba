#!/usr/bin/env bash
# Set up (see scripts/setup.sh) and start the app; with no file given, open the demo workshop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
if [ $# -eq 0 ]; then set -- --demo; fi
exec .venv/bin/workshop-app "$@"
