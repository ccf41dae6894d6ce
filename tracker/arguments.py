"""Arguments and options that several commands share, with their help."""

from __future__ import annotations

from typing import Annotated

import typer

Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
CountryA = Annotated[str, typer.Argument(metavar="A", help="A country: code or name.")]
CountryB = Annotated[str, typer.Argument(metavar="B", help="The other country.")]
