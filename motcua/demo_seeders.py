"""Imports every domain module that registers a demo seeder in ``motcua.demo.SEEDERS``, in order."""

import motcua.demo  # noqa: F401  (units first)
