#!/usr/bin/env bash
# The README's run command: installs everything (scripts/setup.sh), fills a demo workspace once, opens the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh gui
workspace="${HPDESK_DEMO_WORKSPACE:-$PWD/workspace-demo}"
if [ ! -f "$workspace/hpdesk.sqlite" ]; then
  if .venv/bin/hpdesk demo --help >/dev/null 2>&1; then
    .venv/bin/hpdesk --workspace "$workspace" demo --size small
  else
    .venv/bin/hpdesk --workspace "$workspace" init --region 管城回族区 --office 管城回族区卫生健康委员会
  fi
fi
exec .venv/bin/hpdesk --workspace "$workspace" gui "$@"
