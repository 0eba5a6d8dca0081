"""The inventory of personal data, read from docs/personal-data.md (the one source: the public page
``/du-lieu-ca-nhan`` and the breach scope read it, a test compares it with the models)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "personal-data.md"
SECTION = "## Database columns"
HEADER = ("Table", "Columns", "Personal", "Purpose", "Legal basis", "Who reads", "Retention")


@dataclass(frozen=True)
class InventoryLine:
    """One line of the table: several columns of one table that share purpose and retention."""

    table: str
    columns: tuple[str, ...]
    personal: bool
    purpose: str
    legal_basis: str
    readers: str
    retention: str


@cache
def database_inventory(path: Path = DOCUMENT) -> tuple[InventoryLine, ...]:
    """The lines of the "Database columns" table, in order."""
    lines, inside = [], False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            inside = raw.strip() == SECTION
            continue
        if not inside or not raw.startswith("|"):
            continue
        cells = tuple(cell.strip() for cell in raw.strip().strip("|").split("|"))
        if cells == HEADER or set(raw) <= set("|- "):
            continue
        if len(cells) != len(HEADER):
            raise ValueError(f"{path.name}: a line of '{SECTION}' has {len(cells)} cells, not {len(HEADER)}: {raw}")
        if cells[2] not in ("có", "không"):
            raise ValueError(f"{path.name}: 'Personal' must be 'có' or 'không', not {cells[2]!r}: {raw}")
        columns = tuple(column.strip() for column in cells[1].split(","))
        lines.append(InventoryLine(cells[0], columns, cells[2] == "có", *cells[3:]))
    return tuple(lines)


def personal_columns() -> dict[str, list[str]]:
    """Table → its personal columns, per the inventory."""
    found: dict[str, list[str]] = {}
    for line in database_inventory():
        if line.personal:
            found.setdefault(line.table, []).extend(line.columns)
    return found
