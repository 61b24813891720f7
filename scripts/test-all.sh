#!/usr/bin/env bash
# All tests: the Swift suites on SQLite and on a throwaway PostgreSQL, then the browser test in headless Chromium.
# Installs what is missing (Debian's postgresql, chromium, chromium-driver, poppler-utils; selenium, pytest, icalendar, openpyxl, schemathesis from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
# Scratch files of the tests (databases, uploads, journals, browser profiles) go into one folder, removed at the end.
export TMPDIR="$(mktemp -d /tmp/bleibe-test-run.XXXXXX)"
trap 'rm -rf "$TMPDIR"' EXIT

export BLEIBE_TEST_DATABASE_URL="$(./scripts/start-test-postgres.sh)"
echo "PostgreSQL for tests: $BLEIBE_TEST_DATABASE_URL"

swift build --build-tests
swift test 2>&1 | tee .test-swift.log
grep -Eq "Test run with [1-9][0-9]* tests? .*passed" .test-swift.log || { echo "no passing Swift Testing run"; exit 1; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi
if ! python3 -c "import selenium, pytest, icalendar, openpyxl, schemathesis, zxingcpp" 2>/dev/null; then
  python3 -m pip --version >/dev/null 2>&1 || { apt-get update -qq >/dev/null; apt-get install -y -qq python3-pip >/dev/null; }
  # Debian's own python3 is "externally managed"; the test tools go into it anyway (a throwaway CI machine).
  python3 -m pip install -q selenium pytest icalendar openpyxl schemathesis zxing-cpp || python3 -m pip install -q --break-system-packages selenium pytest icalendar openpyxl schemathesis zxing-cpp
fi
BLEIBE_BIN="$(swift build --show-bin-path)/bleibe" python3 -m pytest -q Tests/Browser
