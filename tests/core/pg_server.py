"""A real PostgreSQL server for the hub's tests: a new cluster in a temporary folder, started
with initdb and pg_ctl from Debian's package on a free loopback port, TLS only (pg_hba allows
`hostssl` and nothing else), with a throwaway CA and a server certificate for "localhost".
Nothing between the desk and the hub is mocked.

PostgreSQL refuses to run as root; as root the cluster belongs to the unprivileged `nobody`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ADMIN_USER = "hubadmin"
ADMIN_PASSWORD = "hub-admin-test-password"  # a throwaway server's, never a real one
DBNAME = "cstr_hub"


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    ca_pem: str
    ca_path: Path
    data: Path

    def conninfo(self, user: str = ADMIN_USER, password: str = ADMIN_PASSWORD,
                 dbname: str = DBNAME, sslmode: str = "verify-full") -> dict:
        return {"host": self.host, "port": self.port, "user": user, "password": password,
                "dbname": dbname, "sslmode": sslmode, "sslrootcert": str(self.ca_path)}


def postgres_bin() -> Path:
    """The newest installed server's programs (./dev test installs Debian's postgresql)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise RuntimeError("PostgreSQL's server is not installed: run ./dev test, which installs "
                           "Debian's postgresql package.")
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificates(folder: Path) -> str:
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
        raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")


def start(folder: Path) -> PgServer:
    """Starts a server whose files live in `folder` (made if missing; as root, it must be a
    folder that `nobody` can reach, such as a new one under /tmp)."""
    bin_dir, run_as = postgres_bin(), _as_server_user()
    folder.mkdir(parents=True, exist_ok=True)
    data, tls = folder / "data", folder / "tls"
    tls.mkdir()
    ca_pem = _certificates(tls)
    password_file = folder / "admin-password"
    password_file.write_text(ADMIN_PASSWORD)
    if run_as:
        for path in (folder, tls, *tls.iterdir(), password_file):
            shutil.chown(path, run_as["user"], run_as["group"])
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
    _run([bin_dir / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-t", "60", "start"],
         run_as)
    server = PgServer("localhost", port, ca_pem, tls / "ca.crt", data)
    import psycopg

    with psycopg.connect(**server.conninfo(dbname="postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DBNAME}")
    return server


def restart(server: PgServer) -> None:
    """Starts again a server that `stop` stopped: the same files, port and certificate."""
    _run([postgres_bin() / "pg_ctl", "-D", server.data, "-l", server.data.parent / "server.log",
          "-w", "-t", "60", "start"], _as_server_user())


def stop(server: PgServer) -> None:
    subprocess.run([postgres_bin() / "pg_ctl", "-D", server.data, "-m", "immediate", "stop"],
                   check=False, capture_output=True, **_as_server_user())


if __name__ == "__main__":
    # `.venv/bin/python tests/core/pg_server.py`: a local hub to try by hand, stopped by Ctrl+C.
    import tempfile
    import time

    running = start(Path(tempfile.mkdtemp(prefix="cstr-hub-")))
    print(f"PostgreSQL on {running.host}:{running.port}, database {DBNAME}, TLS only.\n"
          f"Hub account {ADMIN_USER}, password {ADMIN_PASSWORD!r} (a throwaway server's).\n"
          f"Site CA certificate: {running.ca_path}\n"
          f"  export CSTR_DESK_HUB_PASSWORD={ADMIN_PASSWORD!r}\n"
          f"  cstr-desk hub init --host {running.host} --port {running.port} "
          f"--hub-user {ADMIN_USER} --ca-cert {running.ca_path}\nCtrl+C stops it.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        stop(running)


@contextmanager
def temporary_server(prefix: str) -> Iterator[PgServer]:
    """A server for one test module. Not under pytest's tmp folder: that is root's alone, and
    the server runs as `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    running = start(folder)
    try:
        yield running
    finally:
        stop(running)
        shutil.rmtree(folder, ignore_errors=True)
