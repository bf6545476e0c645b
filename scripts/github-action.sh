#!/usr/bin/env bash
# The one step of the GitHub Action (action.yml), run with the environment GitHub sets:
# GITHUB_ACTION_PATH (this repository at the action's ref), GITHUB_STEP_SUMMARY, RUNNER_TEMP,
# RUNNER_OS, RUNNER_ARCH and the INPUT_* variables action.yml passes.
#
# goalc comes from, in order: GOALC (a binary to use, as the tests set it); the cache folder
# (GOALC_ACTION_ROOT, default ~/.cache/goalc-action, which action.yml caches); the release
# archive of this version for the runner (GOALC_RELEASES, default the GitHub releases); else it
# is compiled with cargo into the cache folder.
set -uo pipefail

# GitHub shows at most this many annotations of each level per step.
ANNOTATION_CAP=10

runner_target() {
  case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
    Linux-X64 | Linux-x86_64) echo x86_64-unknown-linux-musl ;;
    Linux-ARM64 | Linux-aarch64) echo aarch64-unknown-linux-gnu ;;
    macOS-ARM64 | Darwin-arm64) echo aarch64-apple-darwin ;;
    macOS-X64 | Darwin-x86_64) echo x86_64-apple-darwin ;;
    *) return 1 ;;
  esac
}

goalc="${GOALC:-}"
if [ -z "$goalc" ]; then
  root="${GOALC_ACTION_ROOT:-$HOME/.cache/goalc-action}"
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)
  if [ ! -x "$root/bin/goalc" ] && target=$(runner_target); then
    releases="${GOALC_RELEASES:-https://github.com/goalc/goalc/releases/download}"
    archive="$(mktemp)"
    if curl -fsSL "$releases/v$version/goalc-$target.tar.gz" -o "$archive" 2>/dev/null; then
      mkdir -p "$root/bin"
      tar -xzf "$archive" -C "$root/bin" --strip-components=1 "goalc-$target/goalc" \
        && echo "goalc $version: the release binary for $target"
    fi
    rm -f "$archive"
  fi
  if [ ! -x "$root/bin/goalc" ]; then
    echo "::group::Compiling goalc $version from ${GITHUB_ACTION_PATH} (no release binary for this runner)"
    cargo install --locked --quiet --path "$GITHUB_ACTION_PATH" --root "$root" || exit 2
    echo "::endgroup::"
  fi
  goalc="$root/bin/goalc"
fi

# One path per line when the input has several lines (so a path may hold spaces), else
# separated by spaces.
paths=()
if [[ "${INPUT_PATHS:-.}" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] && paths+=("$line")
  done <<< "$INPUT_PATHS"
else
  read -r -a paths <<< "${INPUT_PATHS:-.}"
fi
[ ${#paths[@]} -gt 0 ] || paths=(.)
global=()
[ -n "${INPUT_AS_OF:-}" ] && global+=(--as-of "$INPUT_AS_OF")
check=(check --format github)
case "${INPUT_DENY_WARNINGS:-false}" in
  true) check+=(--deny-warnings) ;;
  false) ;;
  *) echo "::error title=goalc::deny-warnings must be true or false, not ${INPUT_DENY_WARNINGS}"; exit 2 ;;
esac

since=()
if [ -n "${INPUT_SINCE:-}" ]; then
  # actions/checkout fetches one commit by default: fetch the base too when it is missing (goalc
  # itself only reads the repository).
  if ! git cat-file -e "${INPUT_SINCE}^{commit}" 2>/dev/null; then
    git fetch --quiet --no-tags --depth=1 origin "$INPUT_SINCE" 2>/dev/null || true
  fi
  since=(--since "$INPUT_SINCE")
fi

status=0
annotations="$(mktemp)"
report="$(mktemp)"
trap 'rm -f "$annotations" "$report"' EXIT
"$goalc" "${global[@]}" "${check[@]}" "${since[@]}" "${paths[@]}" > "$annotations" || status=$?
cat "$annotations"

errors=$(grep -c '^::error ' "$annotations" || true)
warnings=$(grep -c '^::warning ' "$annotations" || true)
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$status" -ne 2 ]; then
  {
    echo "## goalc check"
    echo
    echo "| level | findings |"
    echo "|---|---|"
    echo "| error | $errors |"
    echo "| warning | $warnings |"
    echo
    hidden=0
    [ "$errors" -gt "$ANNOTATION_CAP" ] && hidden=$((hidden + errors - ANNOTATION_CAP))
    [ "$warnings" -gt "$ANNOTATION_CAP" ] && hidden=$((hidden + warnings - ANNOTATION_CAP))
    if [ "$hidden" -gt 0 ]; then
      echo "$hidden more findings not shown as annotations (GitHub shows $ANNOTATION_CAP of each level per step): every finding is in this step's log."
      echo
    fi
  } >> "$GITHUB_STEP_SUMMARY"
fi

# The report goes to the job summary even when the check fails: that is when it is read.
if [ "${INPUT_REPORT:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$status" -ne 2 ]; then
  code=0
  # goalc keeps the Markdown report under the 1 MiB a job summary holds (past that it leaves
  # goals out and says how to get them), so it goes in as it is.
  "$goalc" "${global[@]}" report --format md --quiet "${since[@]}" "${paths[@]}" > "$report" || code=$?
  if [ "$code" -le 1 ]; then
    cat "$report" >> "$GITHUB_STEP_SUMMARY"
  fi
fi
exit "$status"
