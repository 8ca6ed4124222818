"""A private CUPS print queue for one test: its own cupsd (config, spool and socket in a temporary
folder, the system's queues untouched) with one cups-pdf printer as the default, so the app
prints exactly as it would to an office printer and the page comes back as a PDF to read.

cups-pdf reads its settings from /etc/cups only (compiled in); the queue's own instance file,
/etc/cups/cups-pdf-<instance>.conf, sends its output to the temporary folder and is removed
afterwards. cupsd and the cups-pdf backend need root, as CI runs. `./dev test` installs the
Debian packages (cups, printer-driver-cups-pdf, ghostscript)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPSD = Path("/usr/sbin/cupsd")
QUEUE = "CSTR-Desk-test-printer"


@dataclass(frozen=True)
class PrintQueue:
    server: str  # CUPS_SERVER for the printing process: the private cupsd's socket
    output: Path  # where cups-pdf writes each job's PDF

    def wait_for_pdfs(self, count: int, timeout: float = 60) -> list[Path]:
        """The PDFs cups-pdf has finished writing, oldest first, once there are `count`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self._finished()
            if len(done) >= count:
                return done
            time.sleep(0.2)
        jobs = subprocess.run(["lpstat", "-h", self.server, "-W", "all", "-o"],
                              capture_output=True, text=True).stdout
        raise TimeoutError(f"cups-pdf wrote {len(self._finished())} of {count} PDFs; jobs: {jobs}")

    def _finished(self) -> list[Path]:
        jobs = subprocess.run(["lpstat", "-h", self.server, "-o"], capture_output=True, text=True)
        if jobs.stdout.strip():  # still printing: the PDF may be half written
            return []
        return sorted(self.output.glob("*.pdf"), key=lambda p: p.stat().st_mtime)


def missing_tools() -> list[str]:
    missing = [package for path, package in ((CUPSD, "cups-daemon"), (PPD, "printer-driver-cups-pdf"),
                                             (BACKEND, "printer-driver-cups-pdf"))
               if not path.exists()]
    missing += [package for tool, package in (("lpadmin", "cups-client"), ("gs", "ghostscript"))
                if shutil.which(tool) is None]
    return sorted(set(missing))


def _write_config(root: Path, socket: Path) -> None:
    for name in ("spool", "cache", "state", "log", "spool/tmp", "ppd"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "cupsd.conf").write_text(f"""\
Listen {socket}
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""")
    (root / "cups-files.conf").write_text(f"""\
ServerRoot {root}
RequestRoot {root / "spool"}
TempDir {root / "spool/tmp"}
CacheDir {root / "cache"}
StateDir {root / "state"}
ErrorLog {root / "log/error_log"}
AccessLog {root / "log/access_log"}
PageLog {root / "log/page_log"}
ServerBin /usr/lib/cups
DataDir /usr/share/cups
Sandboxing Relaxed
""")


@contextmanager
def print_queue() -> Iterator[PrintQueue]:
    if os.geteuid() != 0:
        raise PermissionError("the private cupsd and the cups-pdf backend need root (CI runs as root)")
    # cupsd runs the filters as the unprivileged `lp` user, so the folder and every folder above
    # it must be open to others: not under pytest's own (owner-only) temporary folder.
    folder = Path(tempfile.mkdtemp(prefix="cstr-desk-cups-"))
    root, output = folder / "cups", folder / "printed"
    root.mkdir()
    output.mkdir()
    for path in (folder, root, output):
        path.chmod(0o755)
    socket = root / "cups.sock"
    _write_config(root, socket)
    instance = f"cstrdesk-test-{os.getpid()}"
    instance_conf = Path(f"/etc/cups/cups-pdf-{instance}.conf")
    instance_conf.write_text(f"Out {output}\nAnonDirName {output}\nSpool {root / 'spool'}\n"
                             "TitlePref 1\nGrp root\nUserUMask 0077\nAnonUMask 0077\n")
    daemon = subprocess.Popen([str(CUPSD), "-f", "-c", str(root / "cupsd.conf"),
                               "-s", str(root / "cups-files.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {daemon.stderr.read() if daemon.stderr else ''}"
                                   f"{(root / 'log/error_log').read_text() if (root / 'log/error_log').exists() else ''}")
            time.sleep(0.1)
        server = str(socket)
        # The queue defaults to US Letter, as a laptop set up elsewhere might: what the app
        # prints must ask for A4 itself.
        subprocess.run(["lpadmin", "-h", server, "-p", QUEUE, "-E", "-v", f"cups-pdf:/{instance}",
                        "-P", str(PPD), "-o", "PageSize=Letter", "-o", "pdftops-renderer-default=gs"], check=True, capture_output=True)
        subprocess.run(["lpadmin", "-h", server, "-d", QUEUE], check=True, capture_output=True)
        yield PrintQueue(server=server, output=output)
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
        instance_conf.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
