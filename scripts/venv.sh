# Sourced by scripts/run and scripts/test: makes sure .venv exists and holds
# the pinned requirements ($1: the requirements file), then activates it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQ="${1:-requirements.txt}"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Virtuele omgeving aanmaken in .venv ..."
  "$PY" -m venv .venv
fi
STAMP=".venv/.stamp-$(basename "$REQ")"
WANT="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  echo "Afhankelijkheden installeren ($REQ) ..."
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$REQ"
  echo "$WANT" > "$STAMP"
fi
# shellcheck disable=SC1091
source .venv/bin/activate
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
