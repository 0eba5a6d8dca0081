#!/usr/bin/env bash
# Create (or refresh) the two virtual environments. A stamp file holds the hash of the requirements
# and the interpreter, so a second run with nothing changed does nothing. The app's environment then
# gets this project installed in editable mode (pyproject.toml): `kiosk`, `motcua` and `server` import
# from any directory (bench/, scripts/), with no sys.path edits.
set -euo pipefail
cd "$(dirname "$0")/.."

newest_python_311_plus() {
  local best="" best_ver=0 cand ver
  local cands=(python3.14 python3.13 python3.12 python3.11 python3)
  if command -v pyenv >/dev/null 2>&1; then
    for p in "$(pyenv root)"/versions/3.1[1-9]*/bin/python; do [ -x "$p" ] && cands+=("$p"); done
  fi
  for cand in "${cands[@]}"; do
    command -v "$cand" >/dev/null 2>&1 || [ -x "$cand" ] || continue
    ver=$("$cand" -c 'import sys; print(sys.version_info[0]*100+sys.version_info[1])' 2>/dev/null) || continue
    if [ "$ver" -ge 311 ] && [ "$ver" -gt "$best_ver" ]; then best="$cand"; best_ver="$ver"; fi
  done
  [ -n "$best" ] || { echo "Cần Python >= 3.11 / Python >= 3.11 is required (e.g. 'pyenv install 3.12')." >&2; exit 1; }
  echo "$best"
}

python_310() {
  local p
  if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null; then
    command -v python3.10; return
  fi
  if command -v pyenv >/dev/null 2>&1; then
    for p in "$(pyenv root)"/versions/3.10.*/bin/python; do [ -x "$p" ] && { echo "$p"; return; }; done
  fi
  cat >&2 <<'MSG'
Rasa 3.6.21 needs Python 3.10, and none was found.
Install it with pyenv ('pyenv install 3.10.13') or your system's packages (e.g. 'apt-get install python3.10 python3.10-venv'), then run 'make setup' again.
MSG
  exit 1
}

# ensure_venv DIR PYTHON REQUIREMENTS
ensure_venv() {
  local dir=$1 py=$2 req=$3 stamp key
  stamp="$dir/.requirements.sha256"
  key=$( { sha256sum "$req" | cut -d' ' -f1; "$py" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && [ -x "$dir/bin/python" ]; then
    return
  fi
  echo "==> $dir: installing $req with $py"
  rm -rf "$dir"
  "$py" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip<25" 2> >(grep -v "^WARNING: Location" >&2)
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" 2> >(grep -v "^WARNING: Location" >&2)
  echo "$key" > "$stamp"
}

ensure_venv .venv "$(newest_python_311_plus)" requirements.txt
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("motcua") != "1.0.0")' 2>/dev/null; then
  echo "==> .venv: installing this project (editable)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e . 2> >(grep -v "^WARNING: Location" >&2)
  rm -rf motcua.egg-info
fi
ensure_venv .venv-bot "$(python_310)" bot/requirements.txt
