"""Plain parameters pass through typer's coercion as typer's own would pass them."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from tracker.cli import full
from tracker.coercion import Unchanged

typer_coercion = pytest.importorskip("typer._coercion", reason="a typer without adapters")
VALUES: tuple[Any, ...] = (None, "", "RU", "2021-05-01", " yes ", "0", True, False, b"US", 3)


def parameters() -> list[tuple[Any, Any]]:
    """Every parameter of every command, `--help` included, with a context for it."""
    group = typer.main.get_command(full())
    root = typer.Context(group, **group.context_settings)
    found = [(p, root) for p in group.get_params(root)]
    for command in getattr(group, "commands", {}).values():
        ctx = typer.Context(command, parent=root, **command.context_settings)
        found += [(p, ctx) for p in command.get_params(ctx)]
    return found


def outcome(coercion: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", coercion.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as err:
        return "refused", err.format_message()


def test_every_plain_parameter_passes_what_typer_would_pass() -> None:
    plain = 0
    for param, ctx in parameters():
        ours = param.get_runtime_param()
        if not isinstance(ours, Unchanged):
            continue
        plain += 1
        for value in VALUES:
            typers = typer_coercion.build_runtime_param(param.type_descriptor)
            assert outcome(ours, value, param, ctx) == outcome(typers, value, param, ctx), (
                param.name,
                value,
            )
    assert plain > 40  # every command's str options and flags, and each --help


def test_only_single_str_and_bool_parameters_pass_without_typers_coercion() -> None:
    kinds = {}
    for param, _ in parameters():
        descriptor = param.type_descriptor
        plain = descriptor.annotation in (str, bool) and not param.multiple and param.nargs == 1
        passes = isinstance(param.get_runtime_param(), Unchanged)
        assert passes == (plain and descriptor.parameter_info.parser is None), param.name
        kinds[passes] = kinds.get(passes, 0) + 1
    assert kinds[False] > 0 and kinds[True] > 0  # lists (import's files) keep typer's own
