#!/usr/bin/env bash
# Run the whole benchmark: peers are installed into bench/.env on first use.
# Usage: bench/run.sh [--quick] [--baseline-src DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/run.py "$@"
