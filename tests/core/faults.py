"""Fault injection for the crash tests: run an operation in a child process that SIGKILLs
itself just before its Nth file-system step.

The steps counted are the calls that make a write durable or move a file: `os.replace`,
`os.rename`, `os.unlink`, `os.remove`, `os.link` and `os.fsync` (pathlib's unlink, rename and
replace go through them; SQLite's own writes happen in staged files whose fate the later steps
decide), and `os.write`, which only the audit head file's in-place records use: a kill there
first writes half the bytes, a write torn as a power cut tears it. A kill before step N+1 is a kill just after step N, so killing before every step in
turn covers every state the operation passes through on disk. SIGKILL runs no `finally` and no
atexit, like a crash; `os.kill` itself is not counted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

HOOKED = ("replace", "rename", "unlink", "remove", "link", "fsync", "write")

# Prepended to the child's script; `arm_faults()` is called just before the operation.
PRELUDE = """
import os, signal, sys
_kill_at = int(sys.argv[1])
_steps = [0]

def _counted(name):
    real = getattr(os, name)
    def step(*args, **kwargs):
        _steps[0] += 1
        if _steps[0] == _kill_at:
            if name == "write":
                fd, data = args
                real(fd, bytes(data)[:len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

def arm_faults():
    for name in %r:
        setattr(os, name, _counted(name))

def report_steps():
    print("steps", _steps[0], flush=True)
""" % (HOOKED,)


def run_child(script: str, kill_at: int, *args: str) -> subprocess.CompletedProcess:
    """Runs PRELUDE + script with `kill_at` (0: never kill) and the further arguments."""
    return subprocess.run([sys.executable, "-c", PRELUDE + script, str(kill_at), *args],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def count_steps(script: str, *args: str) -> int:
    """How many steps the operation takes when nothing goes wrong (the child must call
    report_steps() at the end)."""
    done = run_child(script, 0, *args)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("steps ")]
    return int(lines[-1].split()[1])


def was_killed(done: subprocess.CompletedProcess) -> bool:
    return done.returncode == -signal.SIGKILL
