"""Command-line interface (``flask --app server <command>``): one module per resource, named like
the API's (``kiosk.api``) where both exist."""

import functools

import click
from flask import Flask

from motcua.errors import DomainError


def init_app(app: Flask) -> None:
    from kiosk.cli import (
        accounts,
        assistant,
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
        assistant,
        backup,
    ):
        for command in module.COMMANDS:
            _domain_errors_as_messages(command)
            app.cli.add_command(command)


def _domain_errors_as_messages(command: click.Command) -> None:
    """A domain error ends any command (and every subcommand of a group) with its Vietnamese message
    and exit status 1, never a traceback: commands need no ``except`` of their own for it."""
    for sub in getattr(command, "commands", {}).values():
        _domain_errors_as_messages(sub)
    callback = command.callback
    if callback is None or getattr(callback, "_domain_errors_mapped", False):
        return

    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc

    run._domain_errors_mapped = True
    command.callback = run
