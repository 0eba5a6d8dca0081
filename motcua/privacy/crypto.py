"""Mã hóa số định danh — personal identification numbers (CCCD) are stored encrypted.

Authenticated encryption from ``cryptography`` (Fernet: AES-128-CBC with an HMAC-SHA256 over the whole
token, so a changed or truncated value is refused, never decrypted into something else), through
``MultiFernet`` so keys can be rotated: the first key encrypts, every listed key decrypts.

Where the keys come from, first found wins:

1. ``configure(keys)`` (tests, or an app that reads them from its own configuration);
2. the environment variable ``MOTCUA_PERSONAL_DATA_KEYS``: Fernet keys separated by commas, newest first;
3. the file ``personal_data_keys`` in the instance folder (``MOTCUA_INSTANCE_PATH``, else ``instance/`` at
   the repository's root, the folder the app keeps ``secret_key`` in): one key a line, newest first,
   created (mode 600) with one random key by whichever process needs it first.

The key is never in git (``instance/`` is ignored) and never in the database: a copy of the database or
of a backup opens no identification number without it. Back up the key file apart from the database.

Rotation (docs/personal-data.md, "Rotating the key"): put a new key on the first line (``flask --app
server privacy-new-key`` does it), restart every app process, then ``flask --app server privacy-rotate``
re-encrypts every stored number with it; the old line can then be removed.

``EncryptedString`` is the column type: the model keeps the clear value in Python, the database holds
only the token. An empty value stays empty (no identifier given). A value that is not a token is a row
written before encryption (or by a raw bulk insert such as bench/) and is read as it is until the next
``privacy-rotate`` encrypts it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

ENV_KEYS = "MOTCUA_PERSONAL_DATA_KEYS"
FILENAME = "personal_data_keys"
# Every Fernet token starts with the version byte 0x80 and a 64-bit timestamp: "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"
ROOT = Path(__file__).resolve().parents[2]

_configured: list[str] | None = None
_cache: tuple[tuple[str, ...], MultiFernet] | None = None


class KeyUnavailable(RuntimeError):
    """No usable key: the message says where one was looked for."""


def configure(keys: list[str] | None) -> None:
    """Use exactly these keys (newest first); None goes back to the environment and the key file."""
    global _configured
    _configured = list(keys) if keys is not None else None


def instance_folder() -> Path:
    return Path(os.environ.get("MOTCUA_INSTANCE_PATH") or ROOT / "instance")


def current_keys() -> list[str]:
    """The keys in force, newest first (see the module's docstring for where they come from)."""
    if _configured is not None:
        return _configured
    from_env = [key.strip() for key in os.environ.get(ENV_KEYS, "").split(",") if key.strip()]
    if from_env:
        return from_env
    return instance_keys(instance_folder())


def instance_keys(folder: Path) -> list[str]:
    """The keys kept in ``folder/personal_data_keys``, created with one new key if there is no file.

    Written whole to a private temporary file and linked into place, so a process starting at the same
    moment sees either no file or a complete one."""
    path = folder / FILENAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".personal_data_keys.")  # mode 600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(Fernet.generate_key().decode("ascii") + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    keys = [line.strip() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
    if not keys:
        raise KeyUnavailable(f"{path} holds no key; restore it from the key backup (never delete it: data is lost).")
    return keys


def add_new_key(folder: Path) -> str:
    """Put a new key first in ``folder/personal_data_keys`` (the old ones stay to decrypt); returns it."""
    keys = instance_keys(folder)
    key = Fernet.generate_key().decode("ascii")
    path = folder / FILENAME
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".personal_data_keys.")
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write("\n".join([key, *keys]) + "\n")
    os.replace(temporary, path)
    return key


def _keyring() -> MultiFernet:
    global _cache
    keys = tuple(current_keys())
    if _cache is None or _cache[0] != keys:
        try:
            _cache = (keys, MultiFernet([Fernet(key.encode("ascii")) for key in keys]))
        except (ValueError, UnicodeEncodeError) as error:
            raise KeyUnavailable(
                f"A personal-data key is not a Fernet key ({ENV_KEYS} or instance/{FILENAME}): {error}"
            ) from None
    return _cache[1]


def is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def encrypt(value: str) -> str:
    return _keyring().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(value: str) -> str:
    """The clear text of a token; a value that is not a token is returned as it is (see above)."""
    if not is_token(value):
        return value
    try:
        return _keyring().decrypt(value.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise KeyUnavailable(
            "A stored identification number cannot be decrypted with the keys in force: was "
            f"instance/{FILENAME} (or {ENV_KEYS}) replaced? Restore the key from its backup."
        ) from None


def reencrypt(value: str) -> str:
    """The token of ``value`` under the newest key (a clear value is encrypted)."""
    if not value:
        return value
    if not is_token(value):
        return encrypt(value)
    return _keyring().rotate(value.encode("ascii")).decode("ascii")


def mask_identifier(value: str) -> str:
    """ "001099012345" → "********2345": enough for an officer to tell two people apart."""
    value = value or ""
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


class EncryptedString(TypeDecorator):
    """A string column stored as a Fernet token (``String(length)`` in the database)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def process_result_value(self, value, dialect):
        if value is None or value == "":
            return value
        return decrypt(value)
