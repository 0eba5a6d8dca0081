"""The Flask web layer: blueprints, templates, static assets and the JSON API under /api/v1."""
