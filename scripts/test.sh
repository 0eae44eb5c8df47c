#!/usr/bin/env bash
# Sets up, builds and runs every test. Usage: bash scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
