"""The digest pushed to a webhook and an ntfy topic, each a real HTTP server on 127.0.0.1;
and `run --quiet` sends each match once, retrying what a failed channel did not deliver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobmatch.demo import demo_boards
from jobmatch.notify import NotifyError, NotifySection, send_matches
from jobmatch.replay import serve_greenhouse
from tests.conftest import Receiver
from tests.test_cli import jobmatch, write_config

RECORDS = [
    {
        "id": 7, "score": 91.4, "title": "Senior TPM\x1b[31m", "company": "Acme",
        "location": "Bengaluru", "url": "https://jobs.example/7", "reasons": ["a", "b", "c", "d"],
    },
    {"id": 8, "score": 70.0, "title": "Scrum Master", "company": "Beta", "url": None},
]  # fmt: skip


def section(**tables: object) -> NotifySection:
    return NotifySection.model_validate({"enabled": True, **tables})


def test_webhook_gets_the_digest_as_json_with_a_text_field(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBMATCH_TEST_HOOK", receiver.url + "/hooks/secret-token")
    notify = section(webhook={"url_env": "JOBMATCH_TEST_HOOK"})
    assert send_matches(notify, RECORDS, profile_name="Asha") is True
    ((target, body, headers),) = receiver.posts
    assert target == "POST /hooks/secret-token"
    payload = json.loads(body)
    assert payload["profile"] == "Asha" and payload["count"] == 2
    assert payload["text"].startswith("2 new matches for Asha\n91  Senior TPM — Acme · Bengaluru")
    assert "\x1b" not in payload["text"]  # board text cleaned
    assert payload["content"] == payload["text"]
    assert payload["matches"][0]["reasons"] == ["a", "b", "c"]
    assert headers["Content-Type"] == "application/json"


def test_ntfy_gets_the_text_a_title_a_click_link_and_the_token(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBMATCH_TEST_NTFY", "tk_123")
    notify = section(
        ntfy={"server": receiver.url, "topic": "asha-jobs", "token_env": "JOBMATCH_TEST_NTFY"}
    )
    assert send_matches(notify, RECORDS, profile_name="Asha") is True
    ((target, body, headers),) = receiver.posts
    assert target == "POST /asha-jobs"
    assert body.decode().startswith("2 new matches for Asha")
    assert headers["Title"] == "jobmatch: 2 new matches"
    assert headers["Click"] == "https://jobs.example/7"
    assert headers["Authorization"] == "Bearer tk_123"


def test_a_failed_channel_is_one_line_and_the_other_still_delivers(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBMATCH_TEST_HOOK", "http://127.0.0.1:9/hook")  # nothing listens
    notify = section(
        webhook={"url_env": "JOBMATCH_TEST_HOOK", "timeout": 2},
        ntfy={"server": receiver.url, "topic": "t"},
    )
    with pytest.raises(NotifyError, match=r"^webhook: cannot connect") as raised:
        send_matches(notify, RECORDS, profile_name="Asha")
    assert raised.value.delivered  # ntfy got it
    assert "127.0.0.1:9" not in str(raised.value)  # a webhook URL is a secret
    assert len(receiver.posts) == 1


def test_a_missing_secret_and_an_error_status_are_named(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOBMATCH_TEST_HOOK", raising=False)
    with pytest.raises(NotifyError, match="webhook: environment variable JOBMATCH_TEST_HOOK"):
        send_matches(section(webhook={"url_env": "JOBMATCH_TEST_HOOK"}), RECORDS, profile_name="A")
    receiver.status = 403
    with pytest.raises(NotifyError, match=r"ntfy .*/t: HTTP 403"):
        send_matches(
            section(ntfy={"server": receiver.url, "topic": "t"}), RECORDS, profile_name="A"
        )


def test_notify_needs_a_whole_channel() -> None:
    with pytest.raises(ValueError, match="no channel"):
        section()
    with pytest.raises(ValueError, match="must be the NAME of an environment variable"):
        section(webhook={"url_env": "https://hooks.example/x"})


def test_run_quiet_pushes_each_match_once_and_retries_what_was_not_delivered(
    tmp_path: Path, receiver: Receiver
) -> None:
    notify = f"""
[digest]
min_score = 60
[notify]
enabled = true
[notify.ntfy]
server = "{receiver.url}"
topic = "asha"
"""
    with serve_greenhouse(demo_boards()) as board:
        write_config(tmp_path, board, extra="")
        config = tmp_path / "config.toml"
        config.write_text(notify + config.read_text(encoding="utf-8"), encoding="utf-8")
        receiver.status = 500
        first = jobmatch("run", "--quiet", cwd=tmp_path)
        assert first.returncode == 1
        assert "error: ntfy" in first.stderr and "HTTP 500" in first.stderr
        receiver.status = 200
        second = jobmatch("run", "--quiet", "--force", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        third = jobmatch("run", "--quiet", "--force", cwd=tmp_path)
        assert third.returncode == 0, third.stderr
    bodies = [body.decode() for _, body, _ in receiver.posts]
    assert len(bodies) == 2  # failed, then the retry; nothing left to send the third time
    assert bodies[0] == bodies[1]
    assert "Senior Technical Project Manager" in bodies[1]
