"""Every table of the project, imported in one place so ``Base.metadata`` is complete
(for Alembic, ``create_all`` in tests, and relationship resolution)."""

from motcua.accounts import User
from motcua.apikeys import ApiKey
from motcua.db import Base
from motcua.staff import Counter, Officer
from motcua.units import Unit

__all__ = ["ApiKey", "Base", "Counter", "Officer", "Unit", "User"]
