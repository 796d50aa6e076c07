#!/usr/bin/env bash
# The README's test command: installs everything (scripts/setup.sh) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh tests
exec .venv/bin/python -m pytest "$@"
