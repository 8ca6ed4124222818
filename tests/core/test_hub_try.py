"""`./dev hub` (python -m cstr_desk.hub.trial_server): a throwaway local hub that the printed
commands work against, stopped and removed by Ctrl+C; a plain line where PostgreSQL is not
installed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from cstr_desk.cli import main
from cstr_desk.hub import trial_server

REPO = Path(__file__).resolve().parents[2]


def _printed_until_ready(trial: subprocess.Popen) -> str:
    assert trial.stdout is not None
    lines = []
    for line in trial.stdout:
        lines.append(line)
        if line.startswith("Ctrl+C stops it."):
            return "".join(lines)
    raise AssertionError("the trial hub ended before it was ready: " + "".join(lines))


def test_the_printed_commands_work_and_ctrl_c_removes_the_hub(capsys, monkeypatch):
    trial = subprocess.Popen([sys.executable, "-m", "cstr_desk.hub.trial_server"], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        printed = _printed_until_ready(trial)
        password = re.search(r"export CSTR_DESK_HUB_PASSWORD='([^']+)'", printed)
        init = re.search(r"cstr-desk (hub init .*)", printed)
        folder = Path(re.search(r"TLS only, in (\S+) ", printed).group(1))
        assert password and init and folder.is_dir()
        monkeypatch.setenv("CSTR_DESK_HUB_PASSWORD", password.group(1))
        assert main(init.group(1).split()) == 0
        assert "is ready (schema version" in capsys.readouterr().out
    finally:
        trial.send_signal(signal.SIGINT)
        _, said = trial.communicate(timeout=60)
    assert trial.returncode == 0, said
    assert "Creating a PostgreSQL cluster" in said and "stopped and its folder removed" in said
    assert not folder.exists()


def test_no_postgresql_is_one_plain_line_and_leaves_no_folder(tmp_path, monkeypatch, capsys):
    installed, temporary = tmp_path / "postgresql", tmp_path / "tmp"
    installed.mkdir()
    temporary.mkdir()
    monkeypatch.setattr(trial_server, "POSTGRES_ROOT", installed)
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    assert trial_server.main() == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"PostgreSQL's server is not installed here (no initdb under {installed}): "
                    "install Debian's postgresql package (./dev test does)."]
    assert list(temporary.iterdir()) == []
