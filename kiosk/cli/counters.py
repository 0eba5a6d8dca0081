"""``counters``: the counters of a unit (add, list, put an officer on duty) and the enrolment of
each counter's kiosk (``enroll`` prints the URL to open on it, ``revoke``)."""

import click
from flask import current_app
from flask.cli import AppGroup

from kiosk.cli.units import unit_or_fail as _unit
from kiosk.core.db import new_session
from motcua.clock import now_local
from motcua.feedback.devices import active_devices, enrol_device, kiosk_url, revoke_devices
from motcua.staff import assign_officer, get_counter, list_counters, save_counter
from motcua.units import get_unit


@click.group("counters", cls=AppGroup)
def counters() -> None:
    """Quầy tiếp nhận và trả kết quả (counters)."""


@counters.command("add")
@click.argument("unit_code")
@click.argument("counter_code")
@click.argument("name")
def add_counter(unit_code: str, counter_code: str, name: str) -> None:
    """Add or rename a counter of a unit."""
    with new_session() as session:
        counter = save_counter(session, unit_code, counter_code, name)
        session.commit()
        click.echo(f"Đã lưu quầy {counter.code} — {counter.name} ({counter.unit.code}).")


@counters.command("assign")
@click.argument("unit_code")
@click.argument("counter_code")
@click.argument("officer_code", required=False)
def assign(unit_code: str, counter_code: str, officer_code: str | None) -> None:
    """Put an officer on duty at a counter (no OFFICER_CODE: nobody)."""
    with new_session() as session:
        unit = get_unit(session, unit_code)
        counter = get_counter(session, unit, counter_code) if unit else None
        if counter is None:
            raise click.ClickException(f"Không tìm thấy quầy '{counter_code}' của đơn vị '{unit_code}'.")
        assign_officer(session, counter, officer_code)
        session.commit()
        who = counter.current_officer.name if counter.current_officer else "không có cán bộ"
        click.echo(f"Quầy {counter.code}: {who}.")


@counters.command("list")
@click.argument("unit_code")
def list_counters_command(unit_code: str) -> None:
    """List a unit's counters with the officer on duty and whether their kiosk is enrolled."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        devices = active_devices(session, unit)
        for counter in list_counters(session, unit):
            who = counter.current_officer.name if counter.current_officer else "—"
            device = devices.get(counter.id)
            kiosk = f"màn hình đăng ký {device.enrolled_at:%d/%m/%Y %H:%M}" if device else "màn hình chưa đăng ký"
            click.echo(f"{counter.code}\t{counter.name}\t{who}\t{kiosk}")


@counters.command("enroll")
@click.argument("unit_code")
@click.argument("counter_code")
def enroll(unit_code: str, counter_code: str) -> None:
    """Enrol the counter's rating kiosk: prints the URL to open once on it (its secret is shown only
    now). The counter's previous kiosk, if any, is revoked."""
    with new_session() as session:
        device, secret = enrol_device(session, unit_code, counter_code, now_local())
        session.commit()
        url = kiosk_url(current_app.config["PUBLIC_BASE_URL"], device.counter.unit.code, device.counter.code, secret)
    click.echo(f"Đã đăng ký màn hình đánh giá cho quầy {counter_code} ({unit_code}).")
    click.echo("Mở đường dẫn sau một lần trên màn hình của quầy (không chia sẻ; chỉ hiện một lần):")
    click.echo(url)


@counters.command("revoke")
@click.argument("unit_code")
@click.argument("counter_code")
def revoke(unit_code: str, counter_code: str) -> None:
    """Revoke the counter's kiosk: it can no longer send ratings until enrolled again."""
    with new_session() as session:
        revoked = revoke_devices(session, unit_code, counter_code, now_local())
        session.commit()
    if revoked:
        click.echo(f"Đã thu hồi màn hình đánh giá của quầy {counter_code} ({unit_code}).")
    else:
        click.echo(f"Quầy {counter_code} ({unit_code}) không có màn hình đánh giá đang đăng ký.")


COMMANDS = [counters]
