"""Command-line interface (``flask --app server <command>``): one module per resource, named like
the API's (``kiosk.api``) where both exist."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.cli import (
        accounts,
        backup,
        bootstrap,
        counters,
        database,
        demo,
        dossiers,
        follows,
        officers,
        privacy,
        procedure_groups,
        procedures,
        ratings,
        reports,
        units,
    )

    for module in (
        database,
        bootstrap,
        units,
        accounts,
        procedures,
        dossiers,
        demo,
        counters,
        officers,
        ratings,
        reports,
        procedure_groups,
        follows,
        privacy,
        backup,
    ):
        for command in module.COMMANDS:
            app.cli.add_command(command)
