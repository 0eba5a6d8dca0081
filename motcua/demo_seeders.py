"""Imports every domain module that registers a demo seeder in ``motcua.demo.SEEDERS``, in order."""

# Each domain's demo module imports motcua.demo first, so the units seeder always runs first.
import motcua.catalogue.demo
import motcua.demo
import motcua.dossiers.demo  # noqa: F401
