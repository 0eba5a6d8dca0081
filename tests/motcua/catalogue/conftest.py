import pytest

from motcua.catalogue.importer import SHIPPED_CATALOGUE, read_records
from motcua.catalogue.search import CatalogueIndex


@pytest.fixture(scope="session")
def catalogue_index():
    """The search index of the shipped catalogue, built once for the catalogue tests."""
    if not SHIPPED_CATALOGUE.exists():
        pytest.skip("shipped catalogue not built")
    rows = [
        (r["code"], r["name"], r["levels"], r["field"], r["target_groups"], r["results"], r["ministry"])
        for _, r, _ in read_records(SHIPPED_CATALOGUE)
    ]
    return CatalogueIndex(rows)
