"""``export-learned``: the wordings managers taught the assistant from its missed questions
(``/quan-ly/tro-ly``), written for review into the format of the data files: Rasa NLU YAML
(``nlu_data/nlu``, default) or the search's quality set (``tests/data/catalogue_queries.tsv``)."""

import click
from flask.cli import with_appcontext

from kiosk.core.db import new_session
from motcua.assistant.learned import export_nlu, export_tsv


@click.command("export-learned")
@with_appcontext
@click.option("--format", "output", type=click.Choice(["nlu", "tsv"]), default="nlu", help="nlu (YAML) hoặc tsv")
@click.option("--out", "path", type=click.Path(dir_okay=False, writable=True), default=None, help="Tệp ghi ra")
def export_learned(output: str, path: str | None) -> None:
    """Write the learned wordings for review (stdout, or --out FILE)."""
    with new_session() as session:
        text = export_nlu(session) if output == "nlu" else export_tsv(session)
    if path is None:
        click.echo(text, nl=False)
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"Đã ghi {path}.", err=True)


COMMANDS = [export_learned]
