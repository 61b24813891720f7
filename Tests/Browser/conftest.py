"""Shared by the browser and API tests: a demo server of its own per test module, and logins of demo users."""
import base64
import hashlib
import hmac
import http.cookiejar
import os
import re
import socket
import struct
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

BIN = os.environ.get("BLEIBE_BIN", ".build/debug/bleibe")
EMAIL = "beraterin@elbstadt.example"
PASSWORD = "Bleibe-Demo-2026!"
SECRET = "HFA3NN6WJPD3HTEEK4HF6TP3JV3QHCMC"


def totp(secret: str, at: float) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env):
    """`bleibe serve` on a free loopback port with `env`, once it answers; returns the process and its address."""
    port = free_port()
    proc = subprocess.Popen([BIN, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return proc, base


def demo_server(extra=None):
    """A demo site on a fresh SQLite file (`extra`: more environment), yielding its address; stopped afterwards."""
    work = tempfile.mkdtemp(prefix="bleibe-browser-")
    env = dict(os.environ, BLEIBE_SQLITE_PATH=os.path.join(work, "bleibe.sqlite"), BLEIBE_ENV="development", **(extra or {}))
    env.pop("DATABASE_URL", None)
    subprocess.run([BIN, "demo"], env=env, check=True, capture_output=True)
    proc, base = start_server(env)
    yield base
    # SIGTERM is a graceful stop: open requests end, the database is closed, the exit code is 0 (not a crash).
    proc.terminate()
    assert proc.wait(timeout=20) == 0


@pytest.fixture(scope="module")
def server():
    yield from demo_server()


def http_login(server, email, secret):
    """A plain HTTP session (cookie jar) of a demo user, password and TOTP."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = lambda html: re.search(r'name="csrf" value="([^"]*)"', html).group(1)
    page = opener.open(server + "/login").read().decode()
    opener.open(server + "/login", urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf": token(page)}).encode())
    page = opener.open(server + "/login/totp").read().decode()
    opener.open(server + "/login/totp", urllib.parse.urlencode({"code": totp(secret, time.time()), "csrf": token(page)}).encode())
    return opener
