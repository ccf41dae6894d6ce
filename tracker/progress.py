"""Progress on stderr for long imports and rebuilds: only on a terminal, never piped."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def wanted(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def count_lines(names: list[str]) -> int | None:
    """Lines in the named files (None for stdin), counted in blocks."""
    total = 0
    for name in names:
        if name == "-":
            return None
        with open(name, "rb") as handle:
            total += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return total


@contextmanager
def ticker(label: str, total: int | None, *, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A callback that moves a bar (count, rate, time left) to `done`; a no-op off a terminal."""
    if not wanted(quiet):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    start = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total, rate="")

        def update(done: int) -> None:
            rate = done / max(time.perf_counter() - start, 1e-9)
            progress.update(task, completed=done, rate=f"{rate:,.0f}/s")

        yield update


@contextmanager
def busy(message: str, *, show: bool) -> Iterator[None]:
    """A spinner with `message` on stderr while the block runs, when `show` and on a terminal."""
    if not (show and wanted(False)):
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def counted(items: Iterable[T], names: list[str], label: str, *, quiet: bool) -> Iterable[T]:
    """`items`, with a bar when stderr is a terminal."""
    if not wanted(quiet):
        return items
    return _ticking(items, count_lines(names), label)


def _ticking(items: Iterable[T], total: int | None, label: str) -> Iterator[T]:
    with ticker(label, total, quiet=False) as update:
        n = 0
        for n, item in enumerate(items, 1):
            yield item
            if n % 1000 == 0:
                update(n)
        update(n)
