#!/usr/bin/env bash
# The README's run command: installs everything (scripts/setup.sh), fills a demo workspace once, opens the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh gui
workspace="${HPDESK_DEMO_WORKSPACE:-$PWD/workspace-demo}"
if [ ! -f "$workspace/hpdesk.sqlite" ]; then
  .venv/bin/hpdesk --workspace "$workspace" demo --size small  # prints the demo identity's passphrase: demo
fi
exec .venv/bin/hpdesk --workspace "$workspace" gui "$@"
