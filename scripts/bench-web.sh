#!/usr/bin/env bash
# Load benchmark of the web application (loopback only, bounded in time): the assessment page with 10^5 clients
# stored, against a trivial route of the same server, in one run. Uses Debian's wrk; release build.
# Usage: scripts/bench-web.sh [seconds per route, default 15] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"; CONNS="${2:-32}"; CLIENTS="${BENCH_CLIENTS:-100000}"; PORT="${BENCH_PORT:-18181}"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product bleibe >/dev/null
BIN="$(swift build -c release --show-bin-path)/bleibe"
WORK="$(mktemp -d /tmp/bleibe-bench-XXXX)"
export BLEIBE_SQLITE_PATH="$WORK/bleibe.sqlite" BLEIBE_ENV=development
unset DATABASE_URL
"$BIN" demo >/dev/null
echo "seeding $CLIENTS synthetic clients …"
"$BIN" bench-seed --clients "$CLIENTS" >/dev/null
"$BIN" serve --port "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
# Log in as the demo counselor (password + TOTP) and keep the session cookie.
COOKIE=$(python3 - "$PORT" <<'PY'
import base64, hashlib, hmac, http.cookiejar, re, struct, sys, time, urllib.parse, urllib.request
port = sys.argv[1]; base = f"http://127.0.0.1:{port}"
jar = http.cookiejar.CookieJar(); op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def csrf(html): return re.search(r'name="csrf" value="([^"]+)"', html).group(1)
def totp(s):
    k = base64.b32decode(s + "=" * (-len(s) % 8)); m = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = m[-1] & 15; return "%06d" % ((struct.unpack(">I", m[o:o+4])[0] & 0x7fffffff) % 1000000)
page = op.open(base + "/login").read().decode()
page = op.open(base + "/login", urllib.parse.urlencode({"email": "beraterin@elbstadt.example", "password": "Bleibe-Demo-2026!", "csrf": csrf(page)}).encode()).read().decode()
op.open(base + "/login/totp", urllib.parse.urlencode({"code": totp("HFA3NN6WJPD3HTEEK4HF6TP3JV3QHCMC"), "csrf": csrf(page)}).encode()).read()
print("; ".join(f"{c.name}={c.value}" for c in jar if c.name == "bleibe_session"))
PY
)
cat > "$WORK/assess.lua" <<LUA
-- Assessment pages of random stored clients (10^5 bench clients).
math.randomseed(42)
request = function()
  return wrk.format("GET", "/clients/bench-" .. math.random(1, $CLIENTS) .. "/assessment", {["Cookie"] = "$COOKIE"})
end
LUA
cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %d %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end
LUA
cat "$WORK/report.lua" >> "$WORK/assess.lua"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/clients/bench-1/assessment")
[ "$status" = "200" ] || { echo "assessment page answered $status"; exit 1; }
trivial=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$WORK/report.lua" "http://127.0.0.1:$PORT/healthz" | grep RESULT)
assess=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$WORK/assess.lua" "http://127.0.0.1:$PORT/" | grep RESULT)
read -r _ t_rps t_p99 t_err t_n <<<"$trivial"
read -r _ a_rps a_p99 a_err a_n <<<"$assess"
echo "route                     req/s     p99 (ms)  non-2xx  requests"
printf "trivial (/healthz)     %8s %10s %8s %9s\n" "$t_rps" "$t_p99" "$t_err" "$t_n"
printf "assessment page        %8s %10s %8s %9s\n" "$a_rps" "$a_p99" "$a_err" "$a_n"
python3 -c "print('assessment / trivial = %.0f %%' % (100 * $a_rps / $t_rps))"
