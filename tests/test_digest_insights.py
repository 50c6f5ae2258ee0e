"""The weekly career insights in the nightly digest (`[notify] insights = "weekly"`).

The nights run the real `nightly` (fetch from a local stand-in board, score, send) against
a real SMTP server on 127.0.0.1, with the clock that times the insights injected: a week
passes without sleeping. The store holds the insights fixture's listings (imported as a
user would) besides the board's, so every section has something to say. One test runs
`jobmatch run --quiet` as cron does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from jobmatch.cli.app import State
from jobmatch.cli.fetch import nightly
from jobmatch.config import load_config
from jobmatch.demo import demo_boards
from jobmatch.errors import ConfigError
from jobmatch.insights.model import (
    Demand,
    DemandSection,
    Insights,
    LevelRow,
    LevelSection,
    Opening,
    OpeningsSection,
    PayGroup,
    PaySection,
    TrendSection,
    TrendSeries,
)
from jobmatch.notify import NotifySection, build_digest, send_matches
from jobmatch.push import DISCORD_CONTENT, NTFY_MESSAGE
from jobmatch.replay import serve_greenhouse
from jobmatch.weekly import INSIGHTS_FILE, SentLedger, is_due
from storage import queries
from tests.conftest import Collector, Receiver, Server, free_port
from tests.test_cli import jobmatch, write_config
from tests.test_insights import LISTINGS, PROFILE, cli

SECTIONS = ("Pay by level and place", "What would open the most jobs",
            "Skills in demand that you lack", "Level fit")  # fmt: skip
NOW = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)


# --- a hand-made Insights: exact expectations for the formats ------------------------


def demand(item: str, required: int, kind: str = "skill") -> Demand:
    return Demand(kind, item, required, 1, required / 25, 1 / 25)


def opening(kind: str, item: str, reach: int) -> Opening:
    return Opening(kind, item, asked_by=10, required_by=6, reach=reach, up_band=reach + 1,
                   rescored=30, examples=(11, 12))  # fmt: skip


def sample_insights() -> Insights:
    return Insights(
        profile="Meera",
        generated_at=NOW,
        since=NOW - timedelta(days=90),
        listings=40,
        family=("technical_project_manager",),
        pay=PaySection(
            currency="INR",
            floor=2_500_000,
            fx_date="2026-12-01",
            fx_source="fixed table",
            jobs=30,
            with_pay=12,
            groups=(
                PayGroup("senior", "Bengaluru", 6, 2_800_000, 3_200_000, 3_600_000),
                PayGroup("senior", "remote", 2, None, None, None),
            ),
        ),
        openings=OpeningsSection(
            threshold=60,
            jobs=25,
            reaching=8,
            candidates=9,
            evaluated=9,
            rescored=120,
            top=(
                opening("certification", "PMP", 5),
                opening("skill", "Kubernetes", 3),
                opening("methodology", "SAFe", 2),
                opening("years", "10", 1),
            ),
        ),
        demand=DemandSection(
            levels=("mid", "senior", "lead"),
            jobs=25,
            have=(demand("Jira", 20),),
            lack=tuple(
                demand(name, 9 - k)
                for k, name in enumerate(("Kubernetes", "SAFe", "Python", "AWS", "Tableau", "SQL"))
            ),
        ),
        levels=LevelSection(
            yours="senior",
            next_up="lead",
            threshold=60,
            rows=(LevelRow("senior", 10, 5, 7, 4, 82.0), LevelRow("lead", 6, 2, 3, 1, 71.0)),
            verdict="your level has more matches you meet (senior 4, lead 1)",
        ),
        trend=TrendSection(
            weeks=(date(2026, 11, 23), date(2026, 11, 30)),
            series=(TrendSeries("technical_project_manager", (2, 3)),),
        ),
    )


RECORD = {"id": 7, "score": 91.4, "title": "Senior TPM", "company": "Acme",
          "location": "Bengaluru", "url": "https://jobs.example/7", "reasons": ["a", "b"]}  # fmt: skip


def parts(message: EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content(), html.get_content()


def test_the_e_mail_carries_the_compact_insights_after_the_matches() -> None:
    message = build_digest([RECORD], profile_name="Meera", insights=sample_insights())
    text, html = parts(message)
    assert str(message["Subject"]) == "jobmatch: 1 new matches"
    assert text.index("Senior TPM") < text.index("Career insights for Meera")
    positions = [text.index(f"\n{title}\n") for title in SECTIONS]
    assert positions == sorted(positions)
    assert "Trend" not in text  # the full report has it; the digest stays compact
    assert "₹32.0 L" in text and "+28%" in text  # the median beside the floor
    assert "PMP (certification)" in text and "SAFe (methodology)" in text
    assert "10 years of experience" not in text  # the 4th opening: only the top 3
    assert "Tableau" in text and "SQL" not in text  # the 5 most asked that you lack
    assert "Jira" not in text.split("Career insights")[1]  # what you have is left out
    assert "Verdict: your level has more matches you meet" in text
    for key in ("pay", "openings", "demand", "levels"):
        assert f'<section id="{key}">' in html
    assert '<section id="trend">' not in html and "<style>" in html


def test_insights_alone_have_their_own_subject_and_no_match_heading() -> None:
    message = build_digest([], profile_name="Meera", insights=sample_insights())
    text, _ = parts(message)
    assert str(message["Subject"]) == "jobmatch: weekly insights for Meera"
    assert text.startswith("Career insights for Meera\n")
    assert "new match" not in text
    with pytest.raises(ValueError, match="empty digest"):
        build_digest([], profile_name="Meera")


# --- ntfy and webhooks: a short text within their limits -----------------------------


def test_push_channels_get_the_short_insights_whole_within_their_limits(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBMATCH_TEST_HOOK", receiver.url + "/hook")
    notify = NotifySection.model_validate({
        "enabled": True, "webhook": {"url_env": "JOBMATCH_TEST_HOOK"},
        "ntfy": {"server": receiver.url, "topic": "meera"},
    })  # fmt: skip
    # Far more than fits: 20 matches of long titles (in rupees, 3 bytes a character).
    many = [RECORD | {"id": k, "title": "₹" * 150 + f" job {k}"} for k in range(20)]
    assert send_matches(notify, many, profile_name="Meera", insights=sample_insights())
    (_, hook, _), (_, ntfy, headers) = receiver.posts
    payload = json.loads(hook)
    short = payload["insights"]
    assert short.startswith("Weekly insights for Meera (40 listings since 2026-09-08")
    assert "Median pay a year (your floor ₹25.0 L): senior Bengaluru ₹32.0 L" in short
    assert "Would open most: PMP (certification) +5 ≥60; Kubernetes (skill) +3" in short
    assert "10 years" not in short and "Level fit: your level has more" in short
    assert payload["text"].endswith("\n\n" + short)  # all the matches, then the insights
    assert "job 19" in payload["text"]
    content = payload["content"]
    assert len(content) <= DISCORD_CONTENT and content.endswith("\n\n" + short)
    assert "more lines" in content and "job 19" not in content  # matches gave way
    body = ntfy.decode()
    assert len(ntfy) <= NTFY_MESSAGE and body.endswith("\n\n" + short)
    assert body.startswith("20 new matches for Meera")
    assert headers["Title"] == "jobmatch: 20 new matches + weekly insights"


def test_a_night_with_only_insights_pushes_them_alone(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    notify = NotifySection.model_validate(
        {"enabled": True, "ntfy": {"server": receiver.url, "topic": "meera"}}
    )
    assert send_matches(notify, [], profile_name="Meera", insights=sample_insights())
    assert send_matches(notify, [], profile_name="Meera") is False  # nothing at all: no push
    ((_, body, headers),) = receiver.posts
    assert body.decode().startswith("Weekly insights for Meera")
    assert headers["Title"] == "jobmatch: weekly insights"


# --- when they are due ----------------------------------------------------------------


def test_due_once_a_week_and_kept_per_profile(tmp_path: Path) -> None:
    assert is_due(None, NOW)
    assert not is_due(NOW, NOW + timedelta(days=6, hours=12))
    assert is_due(NOW, NOW + timedelta(days=7))
    # The 7th night's cron run may start a little earlier in the night: still due.
    assert is_due(NOW, NOW + timedelta(days=7) - timedelta(minutes=5))
    assert is_due(NOW + timedelta(days=1), NOW)  # a clock set back does not silence them
    ledger = SentLedger(tmp_path / INSIGHTS_FILE)
    ledger.record("Meera", NOW)
    ledger.record("Asha", NOW + timedelta(days=3))
    again = SentLedger(tmp_path / INSIGHTS_FILE)  # another process, another night
    assert again.last_sent("Meera") == NOW
    later = NOW + timedelta(days=8)
    assert again.due("Meera", later) and not again.due("Asha", later)  # each its own week
    (tmp_path / INSIGHTS_FILE).write_text("{not json", encoding="utf-8")
    assert again.due("Meera", NOW + timedelta(days=1))  # unreadable: sent, then rewritten


# --- the config key -------------------------------------------------------------------


def test_a_bad_insights_value_is_one_line_naming_the_key_and_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[notify]\nenabled = true\ninsights = "monthly"\n[notify.ntfy]\ntopic = "meera"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = str(raised.value)
    assert message == (
        f"{path}: notify.insights: Input should be 'weekly' or 'off' (got 'monthly')"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("monthly", "weekly"), "utf-8")
    notify = load_config(path).notify
    assert notify is not None and notify.insights == "weekly"
    assert NotifySection.model_validate({"ntfy": {"topic": "t"}}).insights == "off"


# --- nights, with the clock injected ----------------------------------------------------


@pytest.fixture(scope="module")
def board() -> Iterator[str]:
    with serve_greenhouse(demo_boards()) as url:
        yield url


def setup_folder(folder: Path, board: str, port: int, insights: str) -> Path:
    """The stand-in board and the fixture's listings, the fixture's profile, e-mail to
    `port` on 127.0.0.1."""
    config = write_config(folder, board, extra=notify_table(port, insights))
    (folder / "me.toml").write_text(PROFILE.read_text(encoding="utf-8"), encoding="utf-8")
    cli(config, "import", str(LISTINGS))
    return config


def notify_table(port: int, insights: str) -> str:
    return (
        f"[matcher]\nworkers = 1\n[digest]\nmin_score = 60\nlimit = 100\n[notify]\nenabled = true\n"
        f'insights = "{insights}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\n'
        'starttls = false\ntimeout = 5\nsender = "jobmatch@example.org"\n'
        'recipients = ["me@example.org"]\n'
    )


def night(config: Path, at: datetime) -> int:
    """One nightly run, as `schedule` runs it (a fresh state: config and store read anew),
    with the insights timed by `at`."""
    state = State(config_path=config, db_url=None, verbose=0)
    try:
        return nightly(state, quiet=True, clock=lambda: at)
    finally:
        state.engine.dispose()


def texts(collector: Collector) -> list[str]:
    return [parts(collector.message(k))[0] for k in range(len(collector.envelopes))]


def test_weekly_insights_go_out_the_first_night_then_after_seven_days(
    tmp_path: Path, board: str, smtp_server: Server
) -> None:
    collector, port = smtp_server()
    config = setup_folder(tmp_path, board, port, "weekly")
    start = queries.utcnow()
    assert night(config, start) == 0
    (first,) = texts(collector)
    assert "new matches for Meera" in first.split("\n")[0]  # the matches, then the insights
    for title in ("Career insights for Meera", *SECTIONS):
        assert title in first
    assert "Trend" not in first
    ledger = SentLedger(tmp_path / INSIGHTS_FILE)
    assert ledger.last_sent("Meera") == start
    assert night(config, start + timedelta(days=1)) == 0  # nothing new, not due
    assert night(config, start + timedelta(days=6)) == 0
    assert len(collector.envelopes) == 1
    assert night(config, start + timedelta(days=7)) == 0
    assert len(collector.envelopes) == 2
    weekly = collector.message(1)
    assert str(weekly["Subject"]) == "jobmatch: weekly insights for Meera"
    text = texts(collector)[1]
    assert "new match" not in text  # no new match that night: the insights alone
    for title in SECTIONS:
        assert title in text
    assert ledger.last_sent("Meera") == start + timedelta(days=7)
    assert night(config, start + timedelta(days=8)) == 0
    assert len(collector.envelopes) == 2
    print(texts(collector)[0])  # the sample in `pytest -s`


def test_off_sends_the_matches_without_insights(
    tmp_path: Path, board: str, smtp_server: Server
) -> None:
    collector, port = smtp_server()
    config = setup_folder(tmp_path, board, port, "off")
    start = queries.utcnow()
    assert night(config, start) == 0
    assert night(config, start + timedelta(days=7)) == 0
    (only,) = texts(collector)
    assert "new matches for Meera" in only and "Career insights" not in only
    assert not (tmp_path / INSIGHTS_FILE).exists()


def test_a_failed_send_leaves_the_insights_due_the_next_night(
    tmp_path: Path, board: str, smtp_server: Server
) -> None:
    dead = free_port()  # nothing listens there
    config = setup_folder(tmp_path, board, dead, "weekly")
    start = queries.utcnow()
    assert night(config, start) == 1  # a failed channel: exit 1, the night's data kept
    assert not (tmp_path / INSIGHTS_FILE).exists()
    collector, port = smtp_server()
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"smtp_port = {dead}", f"smtp_port = {port}"),
        encoding="utf-8",
    )
    assert night(config, start + timedelta(days=1)) == 0
    (retried,) = texts(collector)
    assert "new matches for Meera" in retried  # the matches not delivered, retried
    assert "Career insights for Meera" in retried  # and the insights, still due
    assert SentLedger(tmp_path / INSIGHTS_FILE).last_sent("Meera") == start + timedelta(days=1)
    assert night(config, start + timedelta(days=2)) == 0
    assert len(collector.envelopes) == 1


@pytest.mark.cli
def test_run_quiet_e_mails_the_insights_once(tmp_path: Path, smtp_server: Server) -> None:
    collector, port = smtp_server()
    with serve_greenhouse(demo_boards()) as url:
        write_config(tmp_path, url, extra=notify_table(port, "weekly"))
        first = jobmatch("run", "--quiet", cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        second = jobmatch("run", "--quiet", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
    (text,) = texts(collector)  # the second night: nothing new, insights not due
    assert "new matches for Sample" in text and "Level fit" in text
    assert "Career insights for Sample: senior TPM, Bengaluru" in text
    sent = json.loads((tmp_path / INSIGHTS_FILE).read_text(encoding="utf-8"))
    assert sent.keys() == {"Sample: senior TPM, Bengaluru"}
