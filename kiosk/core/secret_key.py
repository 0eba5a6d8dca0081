"""Khóa ký — the key that signs session cookies and the QR rating links.

A key everyone knows lets anyone forge a QR link for any dossier, so there is no shipped default:
without ``SECRET_KEY`` the app makes a random key once, keeps it in ``instance/secret_key`` (readable
by its owner only) and every worker and every later start reads the same one. The value this project
once shipped as its default is refused outright, so a copied old ``.env`` cannot start a server.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask

FILENAME = "secret_key"
# The default of earlier versions: published in the repository, so it signs nothing.
KNOWN_DEFAULTS = frozenset({"dev-only-change-me"})


def init_app(app: Flask) -> None:
    """Make sure ``SECRET_KEY`` is set and not a published value."""
    key = app.config.get("SECRET_KEY") or ""
    if key in KNOWN_DEFAULTS and not app.testing:
        raise RuntimeError(
            "SECRET_KEY is set to the old published default 'dev-only-change-me': anyone could forge "
            "sessions and QR rating links. Unset it (a random key is then kept in instance/secret_key) "
            "or set a long random value, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'."
        )
    if not key:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(folder: Path) -> str:
    """The key kept in ``folder/secret_key``, created (mode 600) by whichever process comes first.

    The key is written whole to a private temporary file and then linked into place, so a worker
    starting at the same moment either sees no file or a complete one, never half a key.
    """
    path = folder / FILENAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".secret_key.")  # mode 600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_urlsafe(48) + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key; delete it and start again.")
    return key
