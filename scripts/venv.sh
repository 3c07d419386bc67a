# Sourced by scripts/run and scripts/test: makes sure .venv exists and holds exactly the locked
# packages ($1: requirements.txt or requirements-dev.txt; installed from requirements.lock or
# requirements-dev.lock, every package pinned with its hashes), then activates it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQ="${1:-requirements.txt}"
LOCK="${REQ%.txt}.lock"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Virtuele omgeving aanmaken in .venv ..."
  "$PY" -m venv .venv
fi
# A lock made from other requirements than the current ones is stale: requirements*.txt changed
# (a merge, a new dependency) without scripts/lock. In CI that is an error; here it is remade.
if [ "$(grep -m1 '^# input-sha256:' "$LOCK" 2>/dev/null | cut -d' ' -f3)" != "$(bash scripts/lock-input)" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FOUT: $LOCK hoort niet bij requirements*.txt (gewijzigd zonder nieuwe lock)." >&2
    echo "Voer scripts/lock uit en commit requirements.lock en requirements-dev.lock." >&2
    exit 1
  fi
  echo "$LOCK hoort niet meer bij requirements*.txt: de locks worden opnieuw gemaakt (scripts/lock)."
  bash scripts/lock
  echo "Vergeet niet requirements.lock en requirements-dev.lock te committen."
fi
STAMP=".venv/.stamp-$(basename "$LOCK")"
WANT="$(sha256sum "$LOCK" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  echo "Afhankelijkheden installeren ($LOCK) ..."
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$LOCK"
  echo "$WANT" > "$STAMP"
fi
# shellcheck disable=SC1091
source .venv/bin/activate
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
