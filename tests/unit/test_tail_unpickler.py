"""A saved fold (a tail) is unpickled with our classes only: a store file may come from anyone."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from projections.pieces import Cutter
from tracker.postures import _Unpickler


def _short(text: str) -> bytes:
    data = text.encode()
    return b"\x8c" + bytes([len(data)]) + data


def _calling(module: str, name: str, argument: str) -> bytes:
    """Protocol 4: push module.name, call it with one string argument."""
    return b"\x80\x04" + _short(module) + _short(name) + b"\x93" + _short(argument) + b"\x85R."


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("posix", "system"),  # os.system, named plainly
        ("uuid", "os.system"),  # reached through a module we allow
        ("builtins", "eval"),
        ("pydantic.v1.utils", "import_string"),  # returns anything it is told to import
        ("events.parsing", "json.loads"),
        ("copyreg", "_reconstructor"),
    ],
)
def test_a_pickle_that_names_anything_else_is_refused(
    module: str, name: str, tmp_path: Path
) -> None:
    payload = _calling(module, name, f"touch {tmp_path / 'owned'}")
    with pytest.raises(pickle.UnpicklingError):
        _Unpickler(io.BytesIO(payload)).load()
    assert not (tmp_path / "owned").exists()


def test_a_saved_fold_comes_back_whole() -> None:
    from projections.facts import believe
    from tests.builders import seed_records

    facts = [f for f in believe(seed_records()).facts if f.event.pair == ("RU", "US")]
    cutter = Cutter(("RU", "US"))
    cutter.feed(facts)
    back = _Unpickler(io.BytesIO(pickle.dumps(cutter))).load()
    assert isinstance(back, Cutter)
    assert back.open() == cutter.open()
