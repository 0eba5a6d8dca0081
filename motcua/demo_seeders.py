"""Imports every domain module that registers a demo seeder in ``motcua.demo.SEEDERS``, in order."""

# Each domain's demo module imports motcua.demo first, so the units seeder always runs first.
import motcua.catalogue.demo
import motcua.demo
import motcua.feedback.demo_staff  # counters and officers, before the dossiers credit them

# isort: split
import motcua.dossiers.demo

# isort: split
import motcua.feedback.demo  # noqa: F401  (ratings last: they rate the dossiers)
