"""A private desktop for one test: an X server (Xvfb), a D-Bus session bus and the AT-SPI
accessibility bus, as a screen reader's user has, torn down afterwards. `./dev test` installs
the Debian packages (xvfb, dbus, at-spi2-core, python3-pyatspi)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

AT_SPI_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")


def missing_tools() -> list[str]:
    """What this machine lacks for a real accessibility bus, in the Debian packages' words."""
    missing = [package for tool, package in (("Xvfb", "xvfb"), ("dbus-daemon", "dbus"))
               if shutil.which(tool) is None]
    if not AT_SPI_LAUNCHER.exists():
        missing.append("at-spi2-core")
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True)
    if probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _xvfb(stack: ExitStack, env: dict[str, str]) -> str:
    read_end, write_end = os.pipe()
    process = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                                "-nolisten", "tcp"], pass_fds=(write_end,), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(_stop, process)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return f":{number}"


def _session_bus(stack: ExitStack, env: dict[str, str]) -> str:
    process = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stack.callback(_stop, process)
    address = process.stdout.readline().strip()
    if not address:
        raise RuntimeError("the D-Bus session bus did not start")
    return address


def _wait_for_accessibility_bus(env: dict[str, str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        asked = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
                                "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                               env=env, capture_output=True, text=True)
        if asked.returncode == 0 and "unix:" in asked.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError("the AT-SPI accessibility bus did not start")


@contextmanager
def accessible_desktop(home: Path) -> Iterator[dict[str, str]]:
    """The environment for a process on the private desktop, with Qt's accessibility on."""
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QT_", "DBUS_", "AT_SPI", "XDG_", "CSTR_DESK"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(home / "runtime"))
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    with ExitStack() as stack:
        env["DISPLAY"] = _xvfb(stack, env)
        env["DBUS_SESSION_BUS_ADDRESS"] = _session_bus(stack, env)
        launcher = subprocess.Popen([str(AT_SPI_LAUNCHER), "--launch-immediately"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stack.callback(_stop, launcher)
        _wait_for_accessibility_bus(env)
        env.update(QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        yield env
