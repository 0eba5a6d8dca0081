"""Chữ ký sự kiện Zalo: checks that a webhook call really comes from Zalo for our Official Account.

Zalo signs each event with ``X-ZEvent-Signature: mac=<hex>`` where the mac is a plain SHA-256 (not an HMAC)
of ``app_id + raw body + timestamp + OA secret key``. The OA secret key is the one shown for the linked
Official Account, not the app's secret key.
"""

from __future__ import annotations

import hashlib
import hmac


def event_mac(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The hex mac Zalo sends for an event; hashed over the exact bytes received, never a re-serialised body."""
    digest = hashlib.sha256()
    digest.update(app_id.encode())
    digest.update(raw_body)
    digest.update(timestamp.encode())
    digest.update(oa_secret_key.encode())
    return digest.hexdigest()


def signature_matches(header: str | None, app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> bool:
    """Whether ``header`` carries the right mac, compared in constant time.

    An unconfigured channel (no app id or secret) accepts nothing: a mac over an empty secret can be forged.
    """
    if not header or not app_id or not oa_secret_key:
        return False
    scheme, _, received = header.strip().partition("=")
    if scheme.strip().lower() != "mac" or not received.strip():
        return False
    expected = event_mac(app_id, raw_body, timestamp, oa_secret_key)
    return hmac.compare_digest(expected.encode(), received.strip().lower().encode())
