"""The manager's notification figures: followers of the unit's dossiers, messages sent and failed per
day, and each failure with its reason."""

from datetime import time

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.dossiers.intake import record_event
from motcua.dossiers.lookup import find_dossier
from motcua.notifications.follows import follow
from motcua.notifications.providers import SendError, WebWidgetProvider
from motcua.notifications.worker import Policy, run_once
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

PASSWORD = "mat-khau-dai"
ANY_HOUR = Policy(quiet_from=time(0), quiet_until=time(0))


class BlockedZalo:
    deduplicates = False

    def send(self, message, now):
        raise SendError("Người dùng đã chặn Zalo OA (mã -213)", retryable=False, stop_following=True)


def test_manager_sees_followers_sent_and_failed_per_day_and_the_failure_reason(client, db, auth):
    seed_catalogue(db)
    add_dossier(db)
    create_user(db, "quanly", hash_password(PASSWORD), "manager", COMMUNE, "Lãnh đạo")
    dossier = find_dossier(db, CODE)
    now = now_local()
    for recipient in ("web-session-000000001", "web-session-000000002"):
        follow(db, dossier, "web", recipient, now)
    follow(db, dossier, "zalo", "2512523625412515", now)
    record_event(db, dossier, 9, now.replace(microsecond=0))
    db.commit()
    run_once(db, {"web": WebWidgetProvider(), "zalo": BlockedZalo()}, now, ANY_HOUR)
    assert auth("quanly", PASSWORD, client=client).status_code == 302
    page = client.get("/quan-ly/thong-bao", query_string={"unit": COMMUNE}).get_data(as_text=True)
    assert "<strong>2</strong> lượt theo dõi" in page  # the blocked Zalo user no longer follows
    assert f"<td>{now:%d/%m/%Y}</td><td>2</td><td>1</td>" in page
    assert "Người dùng đã chặn Zalo OA (mã -213)" in page and CODE in page


def test_a_day_without_messages_shows_zero(client, db, auth):
    seed_catalogue(db)
    create_user(db, "quanly", hash_password(PASSWORD), "manager", COMMUNE, "Lãnh đạo")
    db.commit()
    auth("quanly", PASSWORD, client=client)
    page = client.get("/quan-ly/thong-bao").get_data(as_text=True)
    assert f"<td>{now_local():%d/%m/%Y}</td><td>0</td><td>0</td>" in page
    assert "Không có tin nhắn lỗi." in page
