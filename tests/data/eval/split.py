"""Split the independent evaluation set into dev and test, once, by a fixed seed.

Why a script: the split must be reproducible and checkable. Rows are stratified by
(topic, style) so both halves see every kind of question; within a stratum the ids are
sorted, shuffled with one seeded generator, and cut in half. A stratum with an odd number
of rows gives its extra row alternately to test and to dev (in sorted stratum order), so
the halves stay at 50 % each. The split depends only on id, topic and style: fixing a typo
in a text or a code never moves a row to the other half.

Usage:
    python tests/data/eval/split.py          # write the split column of questions.tsv
    python tests/data/eval/split.py --check  # exit 1 if the file's splits differ
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261130
HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.tsv"
COLUMNS = ["id", "split", "topic", "style", "aspect", "text", "codes", "note"]


def read_rows(path: Path = QUESTIONS) -> list[dict[str, str]]:
    """Rows of the TSV as dicts; the file has no quoting, so read it with QUOTE_NONE."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [dict(row) for row in reader]


def write_rows(rows: list[dict[str, str]], path: Path = QUESTIONS) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def assign_splits(rows: list[dict[str, str]]) -> dict[str, str]:
    """Map each id to 'dev' or 'test', stratified by (topic, style) with the fixed seed."""
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        strata[(row["topic"], row["style"])].append(row["id"])
    rng = random.Random(SEED)
    result: dict[str, str] = {}
    odd_seen = 0
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        n_test = len(ids) // 2
        if len(ids) % 2:
            if odd_seen % 2 == 0:
                n_test += 1
            odd_seen += 1
        for position, row_id in enumerate(ids):
            result[row_id] = "test" if position < n_test else "dev"
    return result


def main(argv: list[str]) -> int:
    rows = read_rows()
    splits = assign_splits(rows)
    if "--check" in argv:
        wrong = [row["id"] for row in rows if row["split"] != splits[row["id"]]]
        if wrong:
            print(f"{len(wrong)} rows are not in their fixed split: {', '.join(wrong[:10])}")
            return 1
        print("splits are the fixed ones")
        return 0
    for row in rows:
        row["split"] = splits[row["id"]]
    write_rows(rows)
    counts = defaultdict(int)
    for row in rows:
        counts[row["split"]] += 1
    print(dict(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
