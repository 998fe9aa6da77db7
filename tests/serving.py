"""Running `kg serve` for tests: a real subprocess on a free loopback port, raw HTTP calls, and a
loopback listener that records any connection the server might make on a query's behalf."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_seed_store(base: Path, audited: bool = False) -> Path:
    """`kg build` of a copy of seeds/ into base/store (then `kg audit` of it, when `audited`);
    returns the store's folder."""
    shutil.copytree(ROOT / "seeds", base / "seeds")
    built = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(base / "seeds"),
                            "--store", str(base / "store")], cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    if audited:
        done = subprocess.run([sys.executable, "-m", "kg.cli", "audit", "--store", str(base / "store")],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    return base / "store"


# --- servers and clients --------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    endpoint: str
    log: Path

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT, for routes other than /sparql."""
        return self.endpoint.removesuffix("/sparql")


def start_server(store: Path, log: Path, *options: str) -> Server:
    """`kg serve` on a free loopback port, once it answers a query (it may build the store first)."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store),
                                    "--port", str(port), *options], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}/sparql", log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if call(server, "GET", "?query=" + quote("ASK {}")).status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    pytest.fail(f"kg serve did not answer within 120 s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(server: Server | str, method: str, query_string: str = "", body: bytes | None = None,
         headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
    """One raw HTTP exchange with the endpoint (http.client adds no header of its own but Host)."""
    url = urlsplit((server.endpoint if isinstance(server, Server) else server) + query_string)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, url.path + ("?" + url.query if url.query else ""), body=body, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


class Listener:
    """A loopback HTTP server that records every connection it accepts and answers SPARQL JSON."""

    RESULT = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from the listener"}}]}}'

    def __init__(self) -> None:
        self.connections: list[tuple[str, int]] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(Listener.RESULT)))
                self.end_headers()
                self.wfile.write(Listener.RESULT)

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        class Recording(ThreadingHTTPServer):
            def get_request(self):
                conn, address = super().get_request()
                listener.connections.append(address)
                return conn, address

        self.http = Recording(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}/"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


