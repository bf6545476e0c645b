#!/usr/bin/env bash
# The one step of the GitHub Action (action.yml), run with the environment GitHub sets:
# GITHUB_ACTION_PATH (this repository at the action's ref), GITHUB_STEP_SUMMARY, RUNNER_TEMP, and
# the INPUT_* variables action.yml passes. GOALC names a goalc binary to use instead of building
# one (the tests set it).
set -uo pipefail

goalc="${GOALC:-}"
if [ -z "$goalc" ]; then
  root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/goalc-action"
  if [ ! -x "$root/bin/goalc" ]; then
    echo "::group::Installing goalc from ${GITHUB_ACTION_PATH}"
    cargo install --locked --quiet --path "$GITHUB_ACTION_PATH" --root "$root" || exit 2
    echo "::endgroup::"
  fi
  goalc="$root/bin/goalc"
fi

read -r -a paths <<< "${INPUT_PATHS:-.}"
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
"$goalc" "${global[@]}" "${check[@]}" "${since[@]}" "${paths[@]}" || status=$?

# The report goes to the job summary even when the check fails: that is when it is read.
if [ "${INPUT_REPORT:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$status" -ne 2 ]; then
  report="$(mktemp)"
  trap 'rm -f "$report"' EXIT
  code=0
  "$goalc" "${global[@]}" report --format md --quiet "${since[@]}" "${paths[@]}" > "$report" || code=$?
  # GitHub drops a job summary over 1 MiB; a partial report would mislead.
  limit=$((1024 * 1024 - 1024))
  if [ "$code" -le 1 ] && [ "$(wc -c < "$report")" -le "$limit" ]; then
    cat "$report" >> "$GITHUB_STEP_SUMMARY"
  elif [ "$code" -le 1 ]; then
    printf '%s\n\n%s\n' "# goalc progress report" \
      "The report is $(wc -c < "$report") bytes, more than a job summary holds. Narrow it with \`goalc report --team\`, \`--level\` or \`--owner\`, or upload \`goalc report --output report.html\` as an artifact." \
      >> "$GITHUB_STEP_SUMMARY"
  fi
fi
exit "$status"
