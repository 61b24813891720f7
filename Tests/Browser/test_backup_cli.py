"""The backup commands as an operator runs them: `bleibe backup` next to a running server, `--verify`, `restore`
into a new installation, and the refusals (non-empty target, existing database, PostgreSQL) with exit code 2."""
import os
import sqlite3
import subprocess
import tempfile
import urllib.request

from conftest import BIN, http_login, start_server


def run(args, env):
    return subprocess.run([BIN, *args], env=env, capture_output=True, text=True, timeout=300)


def test_backup_while_serving_then_restore():
    work = tempfile.mkdtemp(prefix="bleibe-backup-")
    env = dict(os.environ, BLEIBE_ENV="development", BLEIBE_SQLITE_PATH=os.path.join(work, "data", "bleibe.sqlite"),
               BLEIBE_UPLOAD_DIR=os.path.join(work, "data", "uploads"), BLEIBE_ERASURE_JOURNAL=os.path.join(work, "data", "erasures.journal"))
    env.pop("DATABASE_URL", None)
    # No database yet: nothing to back up, and none is created by asking.
    missing = run(["backup", os.path.join(work, "b0")], env)
    assert missing.returncode == 2 and "Keine Datenbank" in missing.stderr
    assert not os.path.exists(env["BLEIBE_SQLITE_PATH"])
    # Nor by checking or replaying it (QA32 F6); a bad setting stops a command before anything is opened (F3).
    for command in (["audit-verify"], ["replay-erasures"]):
        refused = run(command, env)
        assert refused.returncode == 2 and "Keine Datenbank" in refused.stderr, command
    assert not os.path.exists(env["BLEIBE_SQLITE_PATH"])
    wrong = run(["migrate"], dict(env, BLEIBE_RETENTION_YEARS="50"))
    assert wrong.returncode == 2 and "BLEIBE_RETENTION_YEARS=50" in wrong.stderr
    assert not os.path.exists(env["BLEIBE_SQLITE_PATH"])

    # Made readable for others (umask 022): the server start leaves the database to its owner only (QA of 06.12.2026).
    os.umask(0o022)
    assert run(["demo"], env).returncode == 0
    os.chmod(env["BLEIBE_SQLITE_PATH"], 0o644)
    # The installation's own server runs while the backup is taken.
    proc, base = start_server(env)
    for name in ("", "-wal"):
        path = env["BLEIBE_SQLITE_PATH"] + name
        assert not os.path.exists(path) or os.stat(path).st_mode & 0o077 == 0, path
    target = os.path.join(work, "b1")
    made = run(["backup", target], env)
    assert made.returncode == 0, made.stderr
    assert "Protokollereignisse (Kette unverändert)" in made.stdout
    clients = sqlite3.connect(env["BLEIBE_SQLITE_PATH"]).execute("SELECT COUNT(*) FROM clients").fetchone()[0]
    assert f"{clients} Klient:innen" in made.stdout
    assert oct(os.stat(target).st_mode & 0o777) == "0o700"
    assert run(["backup", target], env).returncode == 2
    assert run(["backup", "--verify", target], env).returncode == 0
    assert urllib.request.urlopen(base + "/login", timeout=5).status == 200
    # A file read after the backup's anchor: an audit event the maintenance pass has not anchored yet.
    someone = sqlite3.connect(env["BLEIBE_SQLITE_PATH"]).execute(
        "SELECT c.id FROM clients c JOIN users u ON u.organisation_id = c.organisation_id WHERE u.email = 'beraterin@elbstadt.example' LIMIT 1").fetchone()[0]
    before = sqlite3.connect(env["BLEIBE_SQLITE_PATH"]).execute("SELECT seq FROM audit_head WHERE id = 1").fetchone()[0]
    counselor = http_login(base, "beraterin@elbstadt.example", "HFA3NN6WJPD3HTEEK4HF6TP3JV3QHCMC")
    assert counselor.open(base + "/clients/" + someone, timeout=10).status == 200
    proc.terminate()
    assert proc.wait(timeout=20) == 0
    # The server anchors the audit trail's head as it stops (QA of 06.12.2026: the tail was unanchored while it was down).
    stopped = sqlite3.connect(env["BLEIBE_SQLITE_PATH"])
    seq, digest = stopped.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    stopped.close()
    with open(env["BLEIBE_ERASURE_JOURNAL"]) as journal:
        heads = [line.rstrip("\n").split("\t") for line in journal if "\taudit_head\t" in line]
    assert seq > before and heads and heads[-1][4] == f"{seq}:{digest}", (before, seq, heads[-1:])

    # A file erased after the backup (its entry in the erasure journal, as the erasure writes it): the restore erases
    # it again, and says so.
    live = sqlite3.connect(env["BLEIBE_SQLITE_PATH"])
    installation = live.execute("SELECT id FROM installation").fetchone()[0]
    erased, org = live.execute("SELECT c.id, c.organisation_id FROM clients c WHERE NOT EXISTS "
                               "(SELECT 1 FROM cases k WHERE k.client_id = c.id) ORDER BY c.id LIMIT 1").fetchone()
    live.close()
    with open(env["BLEIBE_ERASURE_JOURNAL"], "a") as journal:
        journal.write(f"2026-12-01T10:00:00.000Z\t{installation}\tclient\t{org}\t{erased}\n")

    refused = run(["restore", target], env)
    assert refused.returncode == 2 and "besteht bereits" in refused.stderr
    fresh = dict(env, BLEIBE_SQLITE_PATH=os.path.join(work, "new", "bleibe.sqlite"), BLEIBE_UPLOAD_DIR=os.path.join(work, "new", "uploads"))
    # A journal not where it is said to be: refused before anything is written (QA of 06.12.2026: the erased file came
    # back, and the journal was created so that nothing objected later).
    nowhere = dict(fresh, BLEIBE_ERASURE_JOURNAL=os.path.join(work, "nowhere", "erasures.journal"))
    missing = run(["restore", target], nowhere)
    assert missing.returncode == 2 and "Kein Löschjournal" in missing.stderr and "--new-journal" in missing.stderr, missing.stderr
    assert not os.path.exists(fresh["BLEIBE_SQLITE_PATH"]) and not os.path.exists(nowhere["BLEIBE_ERASURE_JOURNAL"])
    restored = run(["restore", target], fresh)
    assert restored.returncode == 0, restored.stderr
    assert "1 Akten und 0 zurückgezogene Vermittlungen erneut gelöscht" in restored.stdout, restored.stdout
    verified = run(["audit-verify"], fresh)
    assert verified.returncode == 0 and "1 Anker außerhalb der Datenbank" in verified.stdout, verified.stdout
    assert "Wiederherstellung" in verified.stdout, verified.stdout
    # The copy's anchors are its own lineage: the live database, restored from but still there, verifies as before
    # (QA of 06.12.2026: a restore drill with the live journal made it fail).
    live_check = run(["audit-verify"], env)
    assert live_check.returncode == 0 and "Protokoll unverändert" in live_check.stdout, live_check.stdout + live_check.stderr
    db = sqlite3.connect(fresh["BLEIBE_SQLITE_PATH"])
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == clients - 1
    assert db.execute("SELECT COUNT(*) FROM clients WHERE id = ?", (erased,)).fetchone()[0] == 0
    # Done once: the command repeats nothing more.
    again = run(["replay-erasures"], fresh)
    assert again.returncode == 0 and "0 Akten" in again.stdout, again.stdout + again.stderr
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    assert db.execute("SELECT action, user_id FROM audit_events ORDER BY seq DESC LIMIT 2").fetchall() == [("erase", "system"), ("backup", "system")]
    # The restored folders are the owner's only, as the server makes them (QA of 06.12.2026: 0755 by the umask).
    for folder in (os.path.dirname(fresh["BLEIBE_SQLITE_PATH"]), fresh["BLEIBE_UPLOAD_DIR"]):
        assert oct(os.stat(folder).st_mode & 0o777) == "0o700", folder
    # A journal that is not where it is said to be, while the database records erasures: refused with the reason, not
    # read as "no erasures" (QA of 06.12.2026).
    lost = run(["replay-erasures"], dict(fresh, BLEIBE_ERASURE_JOURNAL=os.path.join(work, "elsewhere", "erasures.journal")))
    assert lost.returncode == 1 and "fehlt" in lost.stderr and "1 Löschungen" in lost.stderr, lost.stdout + lost.stderr

    # A changed event in the backup: verify says so (exit 1), restore refuses (exit 2) and writes nothing.
    broken = sqlite3.connect(os.path.join(target, "bleibe.sqlite"))
    broken.execute("UPDATE audit_events SET action = 'read' WHERE seq = 3")
    broken.commit()
    broken.close()
    checked = run(["backup", "--verify", target], env)
    assert checked.returncode == 1 and "Ereignis 3 wurde verändert" in checked.stderr
    other = dict(env, BLEIBE_SQLITE_PATH=os.path.join(work, "other", "bleibe.sqlite"))
    assert run(["restore", target], other).returncode == 2
    assert not os.path.exists(other["BLEIBE_SQLITE_PATH"])

    pg = run(["backup", os.path.join(work, "b2")], dict(env, DATABASE_URL="postgres://nobody@127.0.0.1:1/none"))
    assert pg.returncode == 2 and "pg_dump" in pg.stderr


def test_server_does_not_start_without_a_writable_erasure_journal():
    # Every erasure is written to the journal before it commits: a server that could not write it could erase
    # nothing, so it refuses to start and says why.
    work = tempfile.mkdtemp(prefix="bleibe-journal-")
    blocked = os.path.join(work, "journal-is-a-directory")
    os.makedirs(blocked)
    env = dict(os.environ, BLEIBE_ENV="development", BLEIBE_SQLITE_PATH=os.path.join(work, "bleibe.sqlite"),
               BLEIBE_UPLOAD_DIR=os.path.join(work, "uploads"), BLEIBE_ERASURE_JOURNAL=blocked)
    env.pop("DATABASE_URL", None)
    refused = subprocess.run([BIN, "serve", "--port", "18997"], env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "Löschjournal" in refused.stderr and "BLEIBE_ERASURE_JOURNAL" in refused.stderr, refused.stderr


def test_a_database_of_a_newer_release_and_an_unreachable_postgres_are_refused_at_once():
    # QA32 F14: a binary older than its database must not write to it; F2: a PostgreSQL that cannot be reached is
    # said at once, with its cause, not after the pool's minute of retries.
    work = tempfile.mkdtemp(prefix="bleibe-newer-")
    db = os.path.join(work, "bleibe.sqlite")
    env = dict(os.environ, BLEIBE_ENV="development", BLEIBE_SQLITE_PATH=db,
               BLEIBE_UPLOAD_DIR=os.path.join(work, "uploads"), BLEIBE_ERASURE_JOURNAL=os.path.join(work, "erasures.journal"))
    env.pop("DATABASE_URL", None)
    assert run(["migrate"], env).returncode == 0
    with sqlite3.connect(db) as c:
        known = c.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from a later release', '2027-01-01T00:00:00Z')", (known + 1,))
        before = c.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0]
    for args in (["serve", "--port", "18996"], ["migrate"], ["audit-verify"]):
        refused = run(args, env)
        assert refused.returncode == 1, (args, refused.stderr)
        assert f"Migration {known + 1}" in refused.stderr and "neueren Version" in refused.stderr, refused.stderr
    refused = run(["backup", os.path.join(work, "b")], env)
    assert refused.returncode == 2 and "neueren Version" in refused.stderr, refused.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM audit_events").fetchone()[0] == before

    unreachable = run(["migrate"], dict(env, DATABASE_URL="postgres://bleibe@127.0.0.1:1/bleibe"))
    assert unreachable.returncode == 1 and "127.0.0.1:1 nicht erreichbar" in unreachable.stderr and "refused" in unreachable.stderr, unreachable.stderr
