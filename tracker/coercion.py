"""Typer's coercion, without its cost where it would change nothing.

Typer 0.29 coerces every parameter's value, given or not (`--help` too),
through a pydantic `TypeAdapter` built on first use; building the first one
loads pydantic's schema machinery, which took more than half of a `tracker
status A B`. For a single `str` or `bool` parameter, typer returns `None` and
a value already of that type unchanged, so `pass_plain_values` lets those
through without an adapter. Any other value (bytes, a flag's text from the
environment) goes to typer's own coercion. A typer without adapters is left
as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PLAIN = (str, bool)


class Unchanged:
    """A parameter's coercion that passes what typer would pass unchanged."""

    def __init__(self, annotation: type, typers: Callable[[], Any]) -> None:
        self.annotation = annotation
        self.typers = typers  # typer's own coercion, built only when needed

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None or type(value) is self.annotation:
            return value
        return self.typers().coerce(value, param=param, ctx=ctx)


def pass_plain_values() -> None:
    """Let typer's parameters pass None and values of their own plain type as they are."""
    from typer import core

    parameter = getattr(core, "_TyperParameter", None)
    own = getattr(parameter, "get_runtime_param", None)
    if parameter is None or own is None or getattr(own, "passes_plain", False):
        return

    def get_runtime_param(param: Any) -> Any:
        if param._runtime_param is None and _plain(param):
            param._runtime_param = Unchanged(
                param.type_descriptor.annotation, lambda: _typers(param, own)
            )
        return own(param)

    get_runtime_param.passes_plain = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param


def _plain(param: Any) -> bool:
    descriptor = param.type_descriptor
    return (
        descriptor.annotation in PLAIN
        and descriptor.parameter_info.parser is None
        and not param.multiple
        and param.nargs == 1
    )


def _typers(param: Any, own: Callable[[Any], Any]) -> Any:
    param._runtime_param = None
    return own(param)
