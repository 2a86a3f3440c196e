#!/usr/bin/env bash
# Rebuild the repair corpora, retrain the shipped model, and measure it.
#
#   bash bench/repair/run.sh            corpora, training, held-out scores (after)
#   BEFORE=8dc2a32 bash bench/repair/run.sh   also score the wordfreq model of that commit
#
# The repositories named in corpus.py must already be fetched (MIRRORS); the
# corpora go to CORPUS, outside the repository. Training takes about ten
# minutes and about 8 GB of memory on one core.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
MIRRORS=${MIRRORS:-/work/.mirror}
CORPUS=${CORPUS:-/work/corpora/repair}

"$PY" bench/repair/corpus.py --mirrors "$MIRRORS" --out "$CORPUS"
"$PY" tools/train_repair.py "$CORPUS"/train/*.txt --chars 4000000 --min-count 1.5 --budget 8000000
# Japanese text has a model of its own, from the Japanese sources alone, pruned less.
"$PY" tools/train_repair.py "$CORPUS"/train/ja.*.txt --chars 4000000 --min-count 1 \
  --out src/mdread/load/repair/ngrams-ja.bin
"$PY" bench/repair/evaluate.py --corpus "$CORPUS/heldout" --json "$CORPUS/after.json"
if [[ -n "${BEFORE:-}" ]]; then
  tmp=$(mktemp -d)
  git archive "$BEFORE" src | tar -x -C "$tmp"
  "$PY" bench/repair/evaluate.py --corpus "$CORPUS/heldout" --src "$tmp/src" --json "$CORPUS/before.json"
  rm -rf "$tmp"
fi
"$PY" bench/repair/seed.py
"$PY" bench/repair/speed.py
