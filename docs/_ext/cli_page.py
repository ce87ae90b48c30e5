"""The command-line reference: the ``--help`` text of ``aidstats`` and of every subcommand.

The parser is taken from :mod:`aidstats.cli` and walked, so a subcommand
added there appears here at the next build. The help text is the one a user
sees, word for word.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from _generated import GENERATED_NOTICE, write_if_changed
from sphinx.application import Sphinx

PARSER_FACTORIES = ("build_parser", "make_parser", "parser", "_parser")
HELP_WIDTH = "88"


def _parser() -> argparse.ArgumentParser:
    cli = importlib.import_module("aidstats.cli")
    for name in PARSER_FACTORIES:
        factory = getattr(cli, name, None)
        if callable(factory):
            parser = factory()
            if isinstance(parser, argparse.ArgumentParser):
                return parser
    raise RuntimeError(f"aidstats.cli has none of {PARSER_FACTORIES} returning an ArgumentParser")


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], str]]:
    """(command path, help text) for the parser and each subparser, depth first."""
    found = [(path, parser.format_help())]
    for action in parser._actions:  # argparse has no public way to list subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += walk(sub, (*path, name))
    return found


def page() -> str:
    lines = [
        f"<!-- {GENERATED_NOTICE} -->",
        "",
        "# Command line",
        "",
        "`aidstats` (or `python -m aidstats`) lists, describes, exports and rebuilds the bundled",
        "datasets and builds the report. Bad arguments exit with status 2, failures with 1, each",
        "with a one-line message. The text below is each command's `--help`.",
        "",
    ]
    for path, text in walk(_parser()):
        command = " ".join(("aidstats", *path))
        lines += [f"## `{command}`", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(lines)


def generate(app: Sphinx) -> None:
    import os

    os.environ.setdefault("COLUMNS", HELP_WIDTH)  # argparse wraps help to the terminal width
    write_if_changed(Path(app.srcdir) / "api" / "generated" / "cli.md", page())


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
