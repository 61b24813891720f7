"""The JSON API under generated requests: schemathesis reads /api/v1/openapi.json and sends valid and invalid
requests to every operation (and chains them through the responses). Whatever it sends, the server must answer
without a server error (5xx) and stay up – a request that stops the process fails here, not in production.
"""
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request

from conftest import EMAIL, SECRET, http_login


def api_token(server) -> str:
    """A fresh API token of the demo counselor, created on the account page."""
    opener = http_login(server, EMAIL, SECRET)
    page = opener.open(server + "/account").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    html = opener.open(server + "/account/tokens", urllib.parse.urlencode({"csrf": csrf, "name": "schemathesis", "scope": "write"}).encode()).read().decode()
    return re.search(r"(blb_[A-Za-z0-9_\-]+)", html).group(1)


def test_generated_api_requests_get_no_server_error_and_only_documented_answers(server):
    cli = shutil.which("schemathesis") or shutil.which("st")
    assert cli, "schemathesis is installed by scripts/test-all.sh"
    run = subprocess.run([cli, "run", server + "/api/v1/openapi.json", "-H", f"Authorization: Bearer {api_token(server)}",
                          "--checks", "not_a_server_error,status_code_conformance,response_schema_conformance", "--max-examples", "40", "--seed", "2026", "--request-timeout", "20"],
                         capture_output=True, text=True, timeout=900, cwd=tempfile.mkdtemp(prefix="bleibe-schemathesis-"))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert re.search(r"\b[1-9]\d* generated", run.stdout), run.stdout[-2000:]
    assert urllib.request.urlopen(server + "/healthz", timeout=5).status == 200
