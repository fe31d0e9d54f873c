"""Fixtures: a real aisle server on loopback, with a household, two users and their tokens.

The server is the binary named by `AISLE_BIN`, started on a free 127.0.0.1 port with a
fresh data directory; every wait is bounded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
import os
from pathlib import Path
import socket
import subprocess
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from custom_components.aisle.api import AisleClient
from custom_components.aisle.const import CONF_TOKEN, CONF_URL, DOMAIN

START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
CLI_TIMEOUT = 60.0


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations):
    """Lets Home Assistant load custom_components/aisle."""
    yield


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AisleServer:
    """One aisle process; `stop()` and `start()` keep the port and the data directory."""

    binary: str
    data_dir: Path
    port: int
    log_path: Path
    tokens: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    # More of aisle's environment (e.g. TLS), over the defaults below.
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AISLE_")}
        env.update(
            AISLE_DATA_DIR=str(self.data_dir),
            AISLE_LISTEN=f"127.0.0.1:{self.port}",
            AISLE_LOOKUPS="false",
            # Announce nothing on the machine's network (discovery is tested on its own).
            AISLE_MDNS="off",
            AISLE_BACKUP_SCHEDULE="",
            AISLE_CLEANUP_SCHEDULE="",
            AISLE_REFRESH_SCHEDULE="",
            AISLE_LOG="warn",
        )
        env.update(self.extra_env)
        return env

    def cli(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [self.binary, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self._env(),
            timeout=CLI_TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"aisle {' '.join(args)} failed: {done.stderr}{done.stdout}")
        return done.stdout

    def add_user(self, username: str, household: str = "Home") -> str:
        """Adds a user and returns a fresh API token of theirs."""
        self.cli(
            "user", "add", "--data-dir", str(self.data_dir), "--username", username,
            "--household", household, "--admin", "--password-stdin",
            stdin="a-long-password-for-tests\n",
        )
        out = self.cli(
            "token", "create", "--data-dir", str(self.data_dir), "--username", username,
            "--name", "Home Assistant tests",
        )
        token = _token_from(out)
        self.tokens[username] = token
        return token

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open by the process
        try:
            self.process = subprocess.Popen(
                [self.binary, "serve"], env=self._env(), stdout=log, stderr=log,
                stdin=subprocess.DEVNULL,
            )
        finally:
            log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"aisle exited at start:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/health/ready", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"aisle was not ready within {START_TIMEOUT} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def _token_from(out: str) -> str:
    """The token in `aisle token create`'s output (the longest word on it)."""
    words = [w.strip("`'\".,:") for w in out.split()]
    return max(words, key=len)


@pytest.fixture
def aisle_bin() -> str:
    binary = os.environ.get("AISLE_BIN", "")
    if not binary or not os.access(binary, os.X_OK):
        pytest.fail("Set AISLE_BIN to an aisle binary (scripts/test-home-assistant does)")
    return binary


@pytest.fixture
def aisle_server(aisle_bin: str, tmp_path: Path, socket_enabled) -> Iterator[AisleServer]:
    """A running aisle with users anna (Home Assistant's) and bob (the web page's)."""
    server = AisleServer(
        binary=aisle_bin, data_dir=tmp_path / "data", port=_free_port(),
        log_path=tmp_path / "aisle.log",
    )
    server.data_dir.mkdir()
    server.add_user("anna")
    server.add_user("bob")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def bob(aisle_server: AisleServer, http: aiohttp.ClientSession) -> AisleClient:
    """aisle's API as another user of the household (what the web page does)."""
    return AisleClient(http, aisle_server.url, aisle_server.tokens["bob"])


@pytest.fixture
def entry_data(aisle_server: AisleServer) -> dict[str, str]:
    return {CONF_URL: aisle_server.url, CONF_TOKEN: aisle_server.tokens["anna"]}


__all__ = ["AisleServer", "DOMAIN"]
