#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (one per importer format, the claim extractor, attributions
# and the date finder) for a bounded time each:
#
#     scripts/fuzz.sh [SECONDS_PER_TARGET]      # default 60
#
# Installs cargo-fuzz when it is missing. Each target's corpus (fuzz/corpus/TARGET/) is seeded
# first from the project's own files of the matching extension (tests/fixtures/, assets/sample/);
# what the fuzzer adds stays there for the next run. Exits non-zero when a target finds a crash
# (a panic, a failed invariant, a hang or running out of memory), and prints where the
# reproducer is; `cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…` replays it, and
# `cargo fuzz tmin TARGET fuzz/artifacts/TARGET/crash-…` shrinks it (with the same
# environment and flags as below).
#
# Toolchain: cargo fuzz needs nightly-only compiler flags (-Z…). Where `rustc` is not a nightly
# (this project builds on stable), RUSTC_BOOTSTRAP=1 lets stable rustc accept them.
#
# Sanitizer: AddressSanitizer (cargo fuzz's default). It builds and runs on stable with
# RUSTC_BOOTSTRAP=1: the instrumented code is ours and our dependencies', linked against the
# prebuilt standard library, which is not instrumented (-Zbuild-std would need nightly's
# rust-src). Set FUZZ_SANITIZER=none to run without it: the code fuzzed is safe Rust, so the
# findings that matter are panics and failed asserts, which libFuzzer catches either way, and
# uninstrumented runs make more executions in the same time (the first build with other flags
# rebuilds every dependency, which takes a long while).
#
# Debug assertions and overflow checks are on (-a): an arithmetic overflow is a finding too.
# A single input that runs longer than FUZZ_TIMEOUT seconds (default 60) is reported as a hang.

set -euo pipefail

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [SECONDS_PER_TARGET]   (a whole number of seconds, default 60)" >&2
    exit 2
fi
sanitizer="${FUZZ_SANITIZER:-address}"
timeout="${FUZZ_TIMEOUT:-60}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Asked in fuzz/, where cargo fuzz builds, in case a toolchain file there picks another rustc.
if ! (cd fuzz && rustc --version) | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

build_flags=(-a --sanitizer "$sanitizer")

# The extensions of the project's files that seed a target's corpus.
seed_extensions() {
    case "$1" in
        import_txt) echo txt ;;
        import_md) echo md ;;
        import_html) echo html htm ;;
        import_json) echo json ;;
        import_jsonl) echo jsonl ;;
        import_csv) echo csv ;;
        # The analysis reads article text: the plain-text and Markdown articles.
        claims | attributions | dates) echo txt md ;;
        *) ;;
    esac
}

# Copies the fixtures and sample articles with the target's extensions into its corpus, each
# under a name made from its path (so that files of the same name in different folders are all
# kept), leaving what is already there.
seed_corpus() {
    local target="$1" ext file name
    local corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    for ext in $(seed_extensions "$target"); do
        while IFS= read -r -d '' file; do
            name="seed-${file//\//_}"
            [[ -e "$corpus/$name" ]] || cp "$file" "$corpus/$name"
        done < <(find tests/fixtures assets/sample -type f -name "*.$ext" -print0 2>/dev/null)
    done
}

mapfile -t targets < <(cargo fuzz list)
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "no fuzz targets found (cargo fuzz list)" >&2
    exit 1
fi

echo "== building ${#targets[@]} targets (sanitizer: $sanitizer${RUSTC_BOOTSTRAP:+, RUSTC_BOOTSTRAP=1})"
cargo fuzz build "${build_flags[@]}"

logs="fuzz/target/logs"
mkdir -p "$logs"
failed=()
summary=()
for target in "${targets[@]}"; do
    seed_corpus "$target"
    echo "== $target: ${seconds}s, corpus fuzz/corpus/$target ($(find "fuzz/corpus/$target" -type f | wc -l) files)"
    log="$logs/$target.log"
    status=0
    cargo fuzz run "${build_flags[@]}" "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -timeout="$timeout" \
        -print_final_stats=1 2>&1 | tee "$log" || status=$?
    # The last status line libFuzzer printed: executions, coverage, corpus.
    last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
    runs="$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' || true)"
    if [[ $status -ne 0 ]]; then
        artifact="$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -n 1 | sed 's/Test unit written to //' || true)"
        failed+=("$target")
        summary+=("$target: FOUND A CRASH (exit $status)${runs:+ after $runs runs}; reproducer: ${artifact:-see $log}")
    else
        summary+=("$target: ok, ${runs:-?} runs in ${seconds}s; ${last:-no status line}")
    fi
done

echo
echo "== summary (logs in $logs/)"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo
    echo "${#failed[@]} target(s) found crashes: ${failed[*]}"
    echo "replay one with: ${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }cargo fuzz run ${build_flags[*]} TARGET fuzz/artifacts/TARGET/<file>"
    exit 1
fi
