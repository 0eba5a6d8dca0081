"""Command-line interface (``flask --app server <command>``): one module per area."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.cli import (
        accounts,
        backup,
        bootstrap,
        catalogue,
        database,
        demo,
        dossiers,
        feedback,
        notify,
        procedure_groups,
        reports,
        units,
    )

    for module in (
        database,
        bootstrap,
        units,
        accounts,
        catalogue,
        dossiers,
        demo,
        feedback,
        reports,
        procedure_groups,
        notify,
        backup,
    ):
        for command in module.COMMANDS:
            app.cli.add_command(command)
