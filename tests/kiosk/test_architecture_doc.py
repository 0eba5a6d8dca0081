"""docs/architecture.md names every blueprint with the modules its views live in, and every ``flask``
command with its module: the tables are compared with the running app, so the page cannot drift."""

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def _table(heading_words: str, first: str) -> list[list[str]]:
    """The rows of the table whose header starts with ``| first |``, after the heading."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(heading_words) :]
    table = section[section.index(f"| {first} |") :].split("\n\n", 1)[0]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def _names(cell: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", cell))


def test_the_blueprint_table_lists_every_blueprint_and_the_modules_of_its_views(app):
    served: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            blueprint = rule.endpoint.rsplit(".", 1)[0] if "." in rule.endpoint else "(none)"
            served.setdefault(blueprint, set()).add(app.view_functions[rule.endpoint].__module__)
    documented = {(_names(row[0]) or {row[0]}).pop(): _names(row[1]) for row in _table("## Blueprints", "blueprint")}
    assert documented == served


def test_the_command_table_lists_every_flask_command_and_its_module(app):
    commands = {name: command.callback.__module__ for name, command in app.cli.commands.items()}
    documented = {
        name: module
        for row in _table("## Blueprints", "command")
        for module in _names(row[1])
        for name in _names(row[0])
    }
    assert documented == commands
