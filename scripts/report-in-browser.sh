#!/usr/bin/env bash
# Renders the HTML report in headless Chromium (tests/report_browser.rs), installing Chromium from
# Debian's packages first when it is missing. Not part of `cargo test`'s requirements: without a
# browser that test skips itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
    apt-get update
    apt-get install -y chromium
fi
cargo test --test report_browser -- --nocapture
