"""Một Cửa web app entry point: ``flask --app server run``, ``gunicorn "server:create_app()"``.

The app itself is built by ``kiosk.app.create_app``.
"""

from __future__ import annotations

import os

from kiosk.app import create_app

__all__ = ["create_app"]

if __name__ == "__main__":
    create_app().run(host=os.environ.get("APP_HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
