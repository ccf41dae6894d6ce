"""The installed `tracker` console script, as a user's shell runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import SEEDS

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")


@pytest.fixture
def tracker(tmp_path: Path) -> list[str]:
    if TRACKER is None:
        pytest.fail("the tracker command is not installed (pip install .)")
    return [TRACKER, "--db", str(tmp_path / "store.db")]


def run(cmd: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_import_and_status_from_the_shell(tracker: list[str]) -> None:
    assert run([*tracker, "import", str(SEEDS)]).stdout.startswith("added ")
    done = run([*tracker, "status", "RU", "US", "--at", "2021-05-01", "--json"])
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["missions"]["RU->US"]["head"]["status"] == "recalled"


def test_status_of_a_pair_the_store_holds_does_not_load_the_country_tables(
    tracker: list[str],
) -> None:
    # pycountry takes longer to load than the rest of the answer; codes the
    # store holds were checked when they were written.
    run([*tracker, "import", str(SEEDS)])
    probe = (
        "import sys; from tracker.cli import main; sys.argv = ['tracker', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pycountry' in sys.modules, file=sys.stderr)"
    )
    for args, loaded in ((["RU", "US"], "False"), (["Russia", "US"], "True")):
        done = run([sys.executable, "-c", probe, *tracker[1:], "status", *args, "--json"])
        assert json.loads(done.stdout)["pair"] == ["RU", "US"]
        assert done.stderr.strip() == loaded


def test_status_builds_no_pydantic_adapter_for_its_options(tracker: list[str]) -> None:
    # Typer 0.29 would build one for every option; the first loads pydantic's
    # schema machinery, which took more than half of the command's time.
    run([*tracker, "import", str(SEEDS)])
    probe = (
        "import sys; from tracker.cli import main; sys.argv = ['tracker', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typer._adapters' in sys.modules, file=sys.stderr)"
    )
    done = run([sys.executable, "-c", probe, *tracker[1:], "status", "RU", "US", "--json"])
    assert json.loads(done.stdout)["pair"] == ["RU", "US"]
    assert done.stderr.strip() == "False"
    bad = run([sys.executable, "-c", probe, *tracker[1:], "status", "RU", "US", "--at", "2021-13"])
    assert bad.stderr.splitlines()[0] == "tracker: --at: '2021-13' is not a real date"


def test_a_bad_line_from_the_shell_is_one_line_and_exit_2(tracker: list[str]) -> None:
    line = json.loads(SEEDS.read_text().splitlines()[0]) | {"occurred_on": "2021-13"}
    done = run([*tracker, "import", "-"], stdin=json.dumps(line) + "\n")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "tracker: line 1: occurred_on: '2021-13' is not a real date"
    ]


def test_an_unexpected_failure_is_one_line_without_a_traceback(
    tracker: list[str], tmp_path: Path
) -> None:
    (tmp_path / "store.db").write_bytes(b"this is not a database" * 100)
    done = run([*tracker, "status", "RU", "US"])
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def _with_terminal_stderr(cmd: list[str]) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal, stdout piped: (exit, stdout, the terminal's text)."""
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env |= {"COLUMNS": "100", "TERM": "xterm"}
    import threading

    chunks: list[bytes] = []

    def drain() -> None:  # read as it comes, so a full terminal never blocks the process
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, text=True, env=env)
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(leader)
    seen = b"".join(chunks)
    return proc.returncode, out, seen.decode(errors="replace")


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(
    tracker: list[str], tmp_path: Path
) -> None:
    lines = [
        json.dumps(
            {
                "type": "talks_held",
                "actor": ["FR", "DE", "IT", "ES"][i % 4],
                "target": "RU",
                "occurred_on": f"{1950 + i % 70}-03-01",
                "summary": f"talks {i}",
                "sources": [{"url": "https://example.org/t"}],
            }
        )
        for i in range(4000)
    ]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines) + "\n")
    code, out, terminal = _with_terminal_stderr([*tracker, "import", str(big)])
    assert code == 0 and out.startswith("added 4000")
    assert "importing" in terminal
    code, out, terminal = _with_terminal_stderr(
        [*tracker, "status", "--all", "--at", "2000-01-01", "--json"]
    )
    assert code == 0 and len(json.loads(out)) == 4
    assert "folding pairs" in terminal
    piped = run([*tracker, "status", "--all", "--at", "2000-01-01", "--json"])
    assert piped.stderr == "" and json.loads(piped.stdout) == json.loads(out)
    quiet = run([*tracker, "import", "-q", str(big)])
    assert quiet.stderr == "" and quiet.stdout.startswith("added 0, skipped 4000")
    back = tmp_path / "back.jsonl"
    back.write_text(
        lines[0].replace("1950-03-01", "1949-01-01").replace("talks 0", "talks b") + "\n"
    )
    assert run([*tracker, "import", "-q", str(back)]).returncode == 0
    code, out, terminal = _with_terminal_stderr([*tracker, "status", "FR", "RU", "--json"])
    assert code == 0 and json.loads(out)["pair"] == ["FR", "RU"]
    assert "folding FR–RU again" in terminal


def _many_pairs(path: Path) -> Path:
    """Talks between 190 pairs of states, and many more between DE and FR: every
    answer below is more than a pipe holds (64 KiB), so the command is still
    writing when its reader stops."""
    states = ["AR", "BR", "CA", "CN", "DE", "EG", "ES", "FR", "GB", "IN"]
    states += ["IT", "JP", "KE", "MX", "NG", "PL", "RU", "TR", "US", "ZA"]
    pairs = [(a, b) for a in states for b in states if a < b] + [("DE", "FR")] * 600
    lines = []
    for n, (a, b) in enumerate(pairs):
        record = {
            "type": "talks_held",
            "actor": a,
            "target": b,
            "occurred_on": f"{1950 + n % 70}-0{1 + n % 9}-1{n % 10}",
            "summary": f"Talks between {a} and {b} on embassy staffing, round {n}",
            "sources": [{"url": f"https://example.org/talks/{n}"}],
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--all", "--at", "2021-05-01"],  # tables, through rich
        ["history", "DE", "FR"],
        ["export"],  # plain lines
        ["status", "--all", "--json"],
    ],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(
    tracker: list[str], args: list[str], tmp_path: Path
) -> None:
    assert run([*tracker, "import", str(_many_pairs(tmp_path / "pairs.jsonl"))]).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    command = subprocess.Popen(
        [*tracker, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert command.stdout is not None and command.stderr is not None
    assert len(command.stdout.read(100_000)) == 100_000  # the answer is longer than that
    command.stdout.close()  # like `| head -c 100000`
    errors = command.stderr.read().decode()
    assert command.wait(timeout=60) == 0 and errors == "", errors


def test_a_prompt_left_unanswered_records_nothing_and_says_so(
    tracker: list[str], tmp_path: Path
) -> None:
    import pty
    import time

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | {"TERM": "xterm"}
    args = ["record", "talks_held", "--actor", "RU", "--target", "US", "--on", "2021-01-02"]
    proc = subprocess.Popen(
        [*tracker, *args, "--source", "https://example.org/t"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Summary" not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 4096)
    os.write(leader, b"\x04")  # Ctrl-D: no answer
    assert proc.wait(timeout=60) == 1
    try:
        while chunk := os.read(leader, 4096):
            seen += chunk
    except OSError:  # the terminal closed with the process
        pass
    os.close(leader)
    text = seen.decode(errors="replace")
    assert "tracker: nothing was recorded (no answer at the prompt)" in text
    assert "Aborted" not in text and "Traceback" not in text
    assert not (tmp_path / "store.db").exists()
