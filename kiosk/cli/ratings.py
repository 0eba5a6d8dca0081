"""``rating-scale`` and ``import-ratings``: a unit's satisfaction scale, and the paper forms collected
before the kiosk."""

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk.cli.units import unit_or_fail as _unit
from kiosk.core.db import new_session
from motcua.feedback.history import import_ratings
from motcua.feedback.scales import SCALES, set_scale


@click.command("rating-scale")
@with_appcontext
@click.argument("unit_code")
@click.argument("levels", type=click.Choice([str(size) for size in SCALES]))
def rating_scale(unit_code: str, levels: str) -> None:
    """Set a unit's satisfaction scale: 3, 4 or 5 levels."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        set_scale(unit, levels)
        session.commit()
    click.echo(f"Thang đánh giá của {unit.code}: {levels} mức.")


@click.command("import-ratings")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_ratings_command(path: str) -> None:
    """Import paper-form ratings from CSV or JSON Lines (unit_code, counter, created_at, level, attitude,
    reasons, comment, source, dossier_code)."""
    with new_session() as session:
        summary = import_ratings(session, path, current_app.config["SECRET_KEY"])
    click.echo(f"Đã nhập {summary.stored} phiếu đánh giá; bị từ chối {len(summary.rejected)} dòng.")
    for line, reason in summary.rejected:
        click.echo(f"  dòng {line}: {reason}", err=True)


COMMANDS = [rating_scale, import_ratings_command]
