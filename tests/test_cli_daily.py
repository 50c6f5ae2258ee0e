"""The morning and the night, as a user runs them: triage, history, sources, db, cron."""

from __future__ import annotations

import fcntl
import json
import sqlite3
from pathlib import Path

import pytest

from jobmatch.demo import demo_boards
from jobmatch.replay import serve_greenhouse
from tests.conftest import Server
from tests.test_cli import jobmatch, write_config

pytestmark = pytest.mark.cli


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a config and a database already fetched and scored."""
    folder = tmp_path_factory.mktemp("daily")
    with serve_greenhouse(demo_boards()) as url:
        write_config(folder, url)
        result = jobmatch("run", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def matches_json(folder: Path, *args: str) -> list[dict[str, object]]:
    result = jobmatch("matches", "--format", "json", "--limit", "50", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_matches_filters(fetched: Path) -> None:
    everything = matches_json(fetched, "--all")
    assert len(everything) == 10
    remote = matches_json(fetched, "--work-mode", "remote")
    assert remote and all(r["facts"]["work_mode"] == "remote" for r in remote)  # type: ignore[index]
    india = matches_json(fetched, "--country", "in")
    assert india and all(r["facts"]["country"] == "IN" for r in india)  # type: ignore[index]
    strong = matches_json(fetched, "--min-score", "70")
    assert strong and all(float(r["score"]) >= 70 for r in strong)  # type: ignore[arg-type]
    tpgm = matches_json(fetched, "--role", "technical_program_manager")
    assert [r["title"] for r in tpgm] == ["Technical Program Manager, Platform"]
    harbour = matches_json(fetched, "--source", "greenhouse:harbourline", "--all")
    assert len(harbour) == 5
    assert matches_json(fetched, "--new")  # the fixture's run was the last round
    assert matches_json(fetched, "--since", "2999-01-01") == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--work-mode", "remot"], "error: --work-mode 'remot': one of remote, hybrid, onsite"),
        (["--country", "India"], "error: --country 'India': a two-letter ISO code"),
        (["--role", "tpm"], "error: --role 'tpm': one of technical_project_manager, "),
        (["--source", "nope"], "error: --source 'nope': no listing from it; sources: greenhouse:"),
    ],
)
def test_a_filter_value_nothing_can_match_is_one_line_with_the_accepted_values(
    fetched: Path, args: list[str], said: str
) -> None:
    result = jobmatch("matches", *args, cwd=fetched)
    assert result.returncode == 2
    assert result.stderr.startswith(said) and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "markdown", "table"])
def test_matches_formats(fetched: Path, fmt: str) -> None:
    result = jobmatch("matches", "--format", fmt, "--limit", "3", cwd=fetched)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    if fmt == "jsonl":
        assert len([json.loads(line) for line in text.splitlines()]) == 3
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("id,score,title")
    elif fmt == "markdown":
        assert text.startswith("## Matches for") and "| 1 |" in text
    else:
        assert "Senior Technical Project Manager" in text  # plain when piped


def test_mark_show_and_hide(fetched: Path) -> None:
    top = matches_json(fetched)[0]
    listing_id = str(top["id"])
    marked = jobmatch("mark", listing_id, "applied", "--note", "referred by Anu", cwd=fetched)
    assert marked.returncode == 0, marked.stderr
    shown = jobmatch("show", listing_id, cwd=fetched)
    assert shown.returncode == 0, shown.stderr
    assert "status: applied since" in shown.stdout and "referred by Anu" in shown.stdout
    assert "facts: role_variant=" in shown.stdout
    assert "role " in shown.stdout and "first seen" in shown.stdout
    assert matches_json(fetched, "--status", "applied")[0]["id"] == top["id"]
    jobmatch("mark", listing_id, "ignored", cwd=fetched)
    assert all(r["id"] != top["id"] for r in matches_json(fetched))
    assert matches_json(fetched, "--status", "ignored")[0]["note"] is None
    bad = jobmatch("mark", listing_id, "maybe", cwd=fetched)
    assert bad.returncode == 2 and "unknown status 'maybe'" in bad.stderr
    missing = jobmatch("show", "99999", cwd=fetched)
    assert missing.returncode == 2 and "no listing with id 99999" in missing.stderr
    jobmatch("mark", listing_id, "saved", cwd=fetched)


def test_open_prints_the_link_when_there_is_no_browser(fetched: Path) -> None:
    top = matches_json(fetched)[0]
    result = jobmatch("open", str(top["id"]), cwd=fetched)
    assert result.returncode == 0
    assert result.stdout.strip() == top["url"]


def test_sources_runs_and_db_commands(fetched: Path, tmp_path: Path) -> None:
    sources = jobmatch("sources", cwd=fetched)
    assert "greenhouse:northwind" in sources.stdout and "ok" in sources.stdout
    runs = jobmatch("runs", cwd=fetched)
    assert runs.stdout.count("greenhouse:") >= 2
    stats = jobmatch("db", "stats", cwd=fetched)
    assert "listings: 10 open, 0 closed" in stats.stdout
    assert "scores for Sample: senior TPM, Bengaluru: 10" in stats.stdout
    upgraded = jobmatch("db", "upgrade", cwd=fetched)
    assert upgraded.returncode == 0 and "schema at" in upgraded.stderr
    copy = tmp_path / "copy.db"
    backup = jobmatch("db", "backup", str(copy), cwd=fetched)
    assert backup.returncode == 0, backup.stderr
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM listing").fetchone() == (10,)
    again = jobmatch("db", "backup", str(copy), cwd=fetched)
    assert again.returncode == 2 and "already exists" in again.stderr
    pruned = jobmatch("db", "prune", "--closed-before", "2999-01-01", cwd=fetched)
    assert pruned.returncode == 0 and "deleted 0 listings" in pruned.stderr
    bad = jobmatch("db", "prune", "--closed-before", "soon", cwd=fetched)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_report_writes_a_self_contained_page(fetched: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = jobmatch("report", "--out", str(page), "--min-score", "40", cwd=fetched)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "Senior Technical Project Manager" in html
    assert "Content-Security-Policy" in html
    assert "--min-score 40" in html


def test_run_quiet_prints_only_the_digest_and_a_second_run_waits_for_the_lock(
    tmp_path: Path,
) -> None:
    with serve_greenhouse(demo_boards()) as url:
        write_config(tmp_path, url)
        quiet = jobmatch("run", "--quiet", cwd=tmp_path)
        assert quiet.returncode == 0, quiet.stderr
        assert quiet.stderr == ""  # no per-source chatter for cron to mail
        assert "New matches for" in quiet.stdout
        assert "Project Manager — Harbourline" not in quiet.stdout  # below the digest floor
        nothing_new = jobmatch("run", "--quiet", cwd=tmp_path)
        assert nothing_new.stdout == "" and nothing_new.stderr == ""
        with (tmp_path / ".jobmatch.lock").open("a+") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.truncate(0)
            held.write("4242")
            held.flush()
            blocked = jobmatch("run", "--quiet", cwd=tmp_path)
    assert blocked.returncode == 1
    assert blocked.stderr.startswith("error: another jobmatch run is in progress (pid 4242")


def test_config_check_and_cron_line(fetched: Path) -> None:
    checked = jobmatch("config", "check", cwd=fetched)
    assert checked.returncode == 0 and "ok — 2 sources (2 enabled), 1 profiles" in checked.stderr
    line = jobmatch("cron-line", cwd=fetched).stdout.strip()
    assert line.startswith("0 2 * * * cd ")
    assert "/jobmatch --config " in line and line.endswith("2>&1")
    assert "run --quiet" in line


def test_every_command_and_subcommand_has_help_with_an_example(tmp_path: Path) -> None:
    from jobmatch.cli import app

    names = [
        [c.name or (c.callback.__name__ if c.callback else "")] for c in app.registered_commands
    ]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names += [
            [group.name or "", c.name or ""] for c in group.typer_instance.registered_commands
        ]
    assert len(names) >= 20
    for name in names:
        result = jobmatch(*name, "--help", cwd=tmp_path)
        assert result.returncode == 0, name
        assert "Example: jobmatch" in result.stdout, f"{' '.join(name)} --help has no example"


def test_run_quiet_e_mails_the_digest(tmp_path: Path, smtp_server: Server) -> None:
    collector, port = smtp_server()
    notify = (
        f'[notify]\nenabled = true\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        'starttls = false\nsender = "jobmatch@example.org"\nrecipients = ["me@example.org"]\n'
    )
    with serve_greenhouse(demo_boards()) as url:
        write_config(tmp_path, url, extra=notify)
        result = jobmatch("run", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (message,) = [collector.message(i) for i in range(len(collector.envelopes))]
    assert message["To"] == "me@example.org"
    assert "new matches" in str(message["Subject"])
    body = message.get_body(("plain",))
    assert body is not None and "Senior Technical Project Manager" in body.get_content()


def test_config_check_lists_every_problem_line_by_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[http]\ntimeout = "slow"\nretries = -1\n[[sources]]\ntype = "greenhouse"\n'
        'name = "a"\n[[sources]]\ntype = "lever"\nname = "b"\nboard = "x"\nregion = "mars"\n',
        encoding="utf-8",
    )
    result = jobmatch("config", "check", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == [
        "http.timeout", "http.retries", "sources[0].board", "sources[1].region",
    ]  # fmt: skip
    assert all(line.startswith("config.toml: ") for line in lines)
    run = jobmatch("run", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().endswith("(and 3 more problems)")


def test_board_text_cannot_drive_the_terminal(tmp_path: Path) -> None:
    hostile = {
        "id": "evil-1", "source": "file", "url": "https://example.org/1",
        "title": "Technical Project Manager\x1b[2J\x1b]0;pwned\x07\x1b[31m",
        "company": "Acme\x9b31m\x07", "location": "Pune, India",
        "description": "Lead delivery of our SaaS platform with Scrum teams.\x1b[?1049h",
    }  # fmt: skip
    (tmp_path / "config.toml").write_text(
        '[[profiles]]\nname = "me"\npath = "me.toml"\n', encoding="utf-8"
    )
    (tmp_path / "me.toml").write_text(
        '[profile]\nname = "me"\ntarget_roles = ["Technical Project Manager"]\n', encoding="utf-8"
    )
    (tmp_path / "in.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    assert jobmatch("import", "in.jsonl", cwd=tmp_path).returncode == 0
    assert jobmatch("match", cwd=tmp_path).returncode == 0
    for args in (["matches", "--all"], ["matches", "--all", "--format", "markdown"], ["show", "1"]):
        result = jobmatch(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Technical Project Manager" in result.stdout
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in result.stdout, (args, control)


def test_schedule_daemon_starts_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    from tests.test_cli import JOBMATCH

    (tmp_path / "config.toml").write_text('[schedule]\ncron = "0 3 * * *"\n', encoding="utf-8")
    daemon = subprocess.Popen(
        [JOBMATCH, "schedule"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert daemon.stderr is not None
    deadline = time.monotonic() + 30
    started = ""
    while time.monotonic() < deadline and "scheduler started" not in started:
        started += daemon.stderr.readline()
    assert "scheduler started; next run at" in started
    daemon.send_signal(signal.SIGTERM)
    _, more = daemon.communicate(timeout=30)
    assert daemon.returncode == 0
    assert "SIGTERM received: stopping" in more and "stopped" in more


def test_log_file_records_each_source(tmp_path: Path) -> None:
    with serve_greenhouse(demo_boards()) as url:
        write_config(tmp_path, url, extra='[log]\nfile = "logs/jobmatch.log"\n')
        (tmp_path / "logs").mkdir()
        assert jobmatch("fetch", cwd=tmp_path).returncode == 0
    log = (tmp_path / "logs" / "jobmatch.log").read_text(encoding="utf-8")
    assert "INFO jobmatch.pipeline: greenhouse:northwind: 5 listings (5 new, 0 updated" in log


def test_forget_deletes_one_listing_and_names_a_missing_id(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps({"id": "a", "source": "x:y", "title": "Scrum Master"}) + "\n", encoding="utf-8"
    )
    db = f"sqlite:///{tmp_path / 'one.db'}"
    assert jobmatch("--db", db, "import", str(path), cwd=tmp_path).returncode == 0
    (row,) = [
        json.loads(line)
        for line in jobmatch("--db", db, "export", cwd=tmp_path).stdout.splitlines()
    ]
    forgot = jobmatch("--db", db, "forget", str(row["id"]), cwd=tmp_path)
    assert forgot.returncode == 0 and f"forgot listing {row['id']}" in forgot.stdout
    assert jobmatch("--db", db, "export", cwd=tmp_path).stdout.strip() == ""
    again = jobmatch("--db", db, "forget", str(row["id"]), cwd=tmp_path)
    assert again.returncode == 2 and f"no listing with id {row['id']}" in again.stderr


def test_flags_show_in_matches_and_hide_stale_hides_them(fetched: Path) -> None:
    config = fetched / "config.toml"
    original = config.read_text(encoding="utf-8")
    try:  # every stored job is at least 0 days old: stale_days = 1 flags none, a huge age none
        config.write_text("[flags]\nstale_days = 1\n" + original, encoding="utf-8")
        rows = matches_json(fetched, "--all")
        flagged = [r for r in rows if r["flags"]]
        # The demo boards' postings are dated months back: open longer than a day.
        assert flagged and all(str(f).startswith("open ") for r in flagged for f in r["flags"])  # type: ignore[union-attr]
        hidden = matches_json(fetched, "--all", "--hide-stale")
        assert len(hidden) == len(rows) - len(flagged)
        first = flagged[0]
        shown = jobmatch("show", str(first["id"]), cwd=fetched)
        assert f"flagged: {first['flags'][0]}" in shown.stdout  # type: ignore[index]
    finally:
        config.write_text(original, encoding="utf-8")


def test_a_listing_requiring_work_rights_the_profile_lacks_scores_zero_with_the_reason(
    tmp_path: Path,
) -> None:
    listing = {
        "id": "a", "source": "x:y", "title": "Technical Project Manager", "location": "Remote",
        "remote": True,
        "description": "Lead delivery of our platform. Candidates must be authorized to work in "
        "the United States; we are unable to sponsor visas.",
    }  # fmt: skip
    (tmp_path / "one.jsonl").write_text(json.dumps(listing) + "\n", encoding="utf-8")
    profile = tmp_path / "me.toml"
    profile.write_text(
        '[profile]\nname = "me"\ntarget_roles = ["Technical Project Manager"]\n'
        'work_authorisation = ["IN"]\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'one.db'}"
    assert jobmatch("--db", db, "import", "one.jsonl", cwd=tmp_path).returncode == 0
    assert jobmatch("--db", db, "match", "--profile", str(profile), cwd=tmp_path).returncode == 0
    shown = jobmatch(
        "--db", db, "matches", "--profile", str(profile), "--all", "--format", "json", cwd=tmp_path
    )
    (row,) = json.loads(shown.stdout)
    assert row["score"] == 0
    assert row["reasons"] == ["dealbreaker: requires the right to work in US (yours: IN)"]
