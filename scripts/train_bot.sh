#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed: the model file is named after their hash.
set -euo pipefail
cd "$(dirname "$0")/../bot"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
sources=(config.yml domain.yml data ../nlu_data/nlu)
[ -d components ] && sources+=(components)
inputs=$(find "${sources[@]}" -type f \( -name "*.yml" -o -name "*.yaml" -o -name "*.txt" -o -name "*.py" \) | sort)
hash=$(cat $inputs | sha256sum | cut -c1-16)
model="models/mot-cua-$hash.tar.gz"
if [ -f "$model" ]; then
  echo "==> Rasa model is up to date ($model)"
else
  echo "==> training the Rasa model (inputs changed)"
  ../.venv-bot/bin/rasa train --domain domain.yml --data data ../nlu_data/nlu --config config.yml \
    --out models --fixed-model-name "mot-cua-$hash"
  find models -name 'mot-cua-*.tar.gz' ! -name "mot-cua-$hash.tar.gz" -delete
fi
ln -sfn "mot-cua-$hash.tar.gz" models/current.tar.gz
