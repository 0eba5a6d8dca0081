"""Re-encrypting stored identification numbers under the newest key (``flask --app server privacy-rotate``)."""

from __future__ import annotations

from sqlalchemy import Integer, String, column, select, table, update
from sqlalchemy.orm import Session

from motcua.privacy import crypto

BATCH = 500

# The stored tokens as they are, without the model's decryption (``EncryptedString``).
_RAW = table("dossiers", column("id", Integer), column("applicant_identifier", String))


def rotate_identifiers(session: Session, batch_size: int = BATCH) -> int:
    """Rewrite every stored identifier as a token of the first key (a number still in clear is
    encrypted), committing each batch; returns how many rows were rewritten. Safe to interrupt and to
    run again."""
    last, changed = 0, 0
    while True:
        rows = session.execute(
            select(_RAW.c.id, _RAW.c.applicant_identifier)
            .where(_RAW.c.id > last, _RAW.c.applicant_identifier != "")
            .order_by(_RAW.c.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return changed
        for row_id, stored in rows:
            session.execute(
                update(_RAW).where(_RAW.c.id == row_id).values(applicant_identifier=crypto.reencrypt(stored))
            )
        changed += len(rows)
        session.commit()
        last = rows[-1].id


def stored_identifier(session: Session, dossier_id: int) -> str:
    """What the database holds for one dossier's identifier (a token): for checks and tests."""
    return session.execute(select(_RAW.c.applicant_identifier).where(_RAW.c.id == dossier_id)).scalar_one()
