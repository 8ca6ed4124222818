"""A throwaway PostgreSQL hub server: a new cluster in a folder, started with initdb and pg_ctl
from Debian's package on a free loopback port, TLS only (pg_hba allows `hostssl` and nothing
else), with a throwaway CA and a server certificate for "localhost".

What `./dev hub` starts for trying a hub by hand (`python -m cstr_desk.hub.trial_server`),
and what the hub's tests and the bench start (tests/core/pg_server.py, bench/bench_hub.py): the
same server everywhere, and nothing between the desk and the hub mocked. Never a trust's hub: its CA key is thrown away,
fsync is off, and it listens on loopback only.

PostgreSQL refuses to run as root; as root the cluster belongs to the unprivileged `nobody`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cstr_desk.hub.errors import HubError

ADMIN_USER = "hubadmin"
DBNAME = "cstr_hub"
# Where Debian's postgresql package puts each major version's programs (15/bin/initdb ...).
POSTGRES_ROOT = Path("/usr/lib/postgresql")


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    ca_pem: str
    ca_path: Path
    data: Path

    def dsn(self, user: str = ADMIN_USER, dbname: str = DBNAME) -> str:
        """libpq's connection string, without the password (libpq asks for it, or reads
        PGPASSWORD): for psql and other PostgreSQL tools."""
        return (f"host={self.host} port={self.port} dbname={dbname} user={user} "
                f"sslmode=verify-full sslrootcert={self.ca_path}")


class NoPostgresServer(HubError):
    """PostgreSQL's server programs (initdb, pg_ctl) are not installed here."""


def postgres_bin() -> Path:
    """The newest installed server's programs (./dev test installs Debian's postgresql)."""
    versions = sorted(POSTGRES_ROOT.glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise NoPostgresServer(f"PostgreSQL's server is not installed here (no initdb under "
                               f"{POSTGRES_ROOT}): install Debian's postgresql package "
                               "(./dev test does).")
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def certificates(folder: Path) -> str:
    """A CA and a server certificate for localhost; returns the CA in PEM."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CSTR test site CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
              .issuer_name(ca_name).public_key(server_key.public_key())
              .serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
              # Named "localhost" only, so reaching it as 127.0.0.1 is a name it does not carry.
              .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                             critical=False)
              .sign(ca_key, hashes.SHA256()))
    (folder / "server.crt").write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_path = folder / "server.key"
    key_path.write_bytes(server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    key_path.chmod(0o600)
    ca_pem = ca.public_bytes(serialization.Encoding.PEM).decode("ascii")
    (folder / "ca.crt").write_text(ca_pem, "ascii")
    return ca_pem


def _as_server_user() -> dict:
    return {"user": "nobody", "group": "nogroup"} if os.geteuid() == 0 else {}


def _run(command: list, run_as: dict) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **run_as)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        # The program's last line says why (a port taken, a folder not writable).
        raise HubError(f"{Path(command[0]).name} failed" + (f": {said[-1]}" if said else "."))


def start(folder: Path, admin_password: str,
          stage: Callable[[str], None] | None = None) -> PgServer:
    """Starts a server whose files live in `folder` (made if missing; as root, it must be a
    folder that `nobody` can reach, such as a new one under /tmp), its owner account
    ADMIN_USER with `admin_password`. `stage(code)` is told "cluster", then "starting", as
    each begins (together about two seconds)."""
    bin_dir, run_as = postgres_bin(), _as_server_user()
    folder.mkdir(parents=True, exist_ok=True)
    data, tls = folder / "data", folder / "tls"
    tls.mkdir()
    ca_pem = certificates(tls)
    password_file = folder / "admin-password"
    password_file.write_text(admin_password)
    if run_as:
        for path in (folder, tls, *tls.iterdir(), password_file):
            shutil.chown(path, run_as["user"], run_as["group"])
    if stage is not None:
        stage("cluster")
    _run([bin_dir / "initdb", "-D", data, "-U", ADMIN_USER, "--auth=scram-sha-256",
          f"--pwfile={password_file}", "--no-instructions", "-E", "UTF8", "--locale=C.UTF-8"],
         run_as)
    password_file.unlink()
    port = _free_port()
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(f"""
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{data}'
ssl = on
ssl_cert_file = '{tls / "server.crt"}'
ssl_key_file = '{tls / "server.key"}'
ssl_min_protocol_version = 'TLSv1.2'
fsync = off
""")
    # TLS or nothing: no 'host' or 'local' lines, so a plain connection is refused by the server.
    (data / "pg_hba.conf").write_text("hostssl all all 127.0.0.1/32 scram-sha-256\n")
    if stage is not None:
        stage("starting")
    _run([bin_dir / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-t", "60", "start"],
         run_as)
    server = PgServer("localhost", port, ca_pem, tls / "ca.crt", data)
    with psycopg.connect(server.dsn(dbname="postgres"), password=admin_password,
                         autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DBNAME}")
    return server


def restart(server: PgServer) -> None:
    """Starts again a server that `stop` stopped: the same files, port and certificate."""
    _run([postgres_bin() / "pg_ctl", "-D", server.data, "-l", server.data.parent / "server.log",
          "-w", "-t", "60", "start"], _as_server_user())


def stop(server: PgServer) -> None:
    subprocess.run([postgres_bin() / "pg_ctl", "-D", server.data, "-m", "immediate", "stop"],
                   check=False, capture_output=True, **_as_server_user())


@contextmanager
def temporary_server(prefix: str, admin_password: str,
                     stage: Callable[[str], None] | None = None) -> Iterator[PgServer]:
    """A server in a new folder under the system's temporary one, stopped and removed at the
    end. Not under pytest's tmp folder: that is root's alone, and the server runs as `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:  # removed even when the server never started (no PostgreSQL, a port taken)
        running = start(folder, admin_password, stage)
        try:
            yield running
        finally:
            stop(running)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


STAGES = {"cluster": "Creating a PostgreSQL cluster in a temporary folder ...",
          "starting": "Starting it (TLS only, on loopback) ..."}


def main() -> int:
    """Runs a throwaway hub until Ctrl+C, printing how to reach it; 1 with a plain line when
    it cannot start."""
    # A password of this server's own, made here: it lives as long as the server does.
    password = secrets.token_urlsafe(18)
    # A closed terminal or a `kill` stops the server as Ctrl+C does, not leaving it running.
    for ending in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(ending, signal.default_int_handler)
    try:
        with temporary_server("cstr-hub-try-", password, lambda code: print(
                STAGES[code], file=sys.stderr, flush=True)) as server:
            print(_how_to_reach(server, password), flush=True)
            threading.Event().wait()
    except HubError as error:
        print(error.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("The hub is stopped and its folder removed.", file=sys.stderr)
    return 0


def _how_to_reach(server: PgServer, password: str) -> str:
    return (f"A throwaway hub is running at {server.host}:{server.port}, database {DBNAME}, "
            f"TLS only, in {server.data.parent} (removed when it stops).\n"
            f"DSN: {server.dsn()}\n"
            f"Hub account {ADMIN_USER}, password {password} (this server's only).\n"
            "In another terminal:\n"
            f"  export CSTR_DESK_HUB_PASSWORD='{password}'\n"
            f"  cstr-desk hub init --host {server.host} --port {server.port} "
            f"--hub-user {ADMIN_USER} --ca-cert {server.ca_path}\n"
            "Ctrl+C stops it.")


if __name__ == "__main__":
    sys.exit(main())
