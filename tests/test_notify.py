"""The e-mail digest, sent to a real SMTP server (aiosmtpd) on 127.0.0.1.

TLS tests use a throwaway self-signed certificate made with the openssl command.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pydantic import ValidationError

from jobmatch.notify import NotifyError, NotifySection, build_digest, send_digest, send_matches
from tests.conftest import Server, free_port

USER, PASSWORD, PASSWORD_ENV = "mailer", "s3cret-pw", "JOBMATCH_TEST_SMTP_PASSWORD"


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 1,
        "source": "greenhouse:acme",
        "external_id": "1",
        "title": "Senior Technical Project Manager",
        "company": "Acme",
        "location": "Berlin",
        "url": "https://boards.example.org/acme/1",
        "score": 87.4,
        "reasons": ["title: technical project manager", "skills: jira, agile", "remote ok", "x"],
        "components": {},
        "facts": None,
        "posted_at": None,
        "first_seen": None,
    }
    return {**base, **overrides}


RECORDS = [
    record(),
    record(
        id=2,
        title="<script>alert(1)</script>\n\x1b[31mTPM",
        company="Evil & Co",
        location="",
        url="javascript:alert(2)",
        score=51,
        reasons=["<b>bold</b> claim"],
    ),
]


def authenticator(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 235/535


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return Certificate(cert=cert, key=key)


def section(port: int, **overrides: Any) -> NotifySection:
    values: dict[str, Any] = {
        "enabled": True,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "starttls": False,
        "sender": "jobmatch@example.org",
        "recipients": ["me@example.org", "also@example.com"],
        "timeout": 5,
    }
    return NotifySection.model_validate({**values, **overrides})


def one_line_error(excinfo: pytest.ExceptionInfo[NotifyError], port: int) -> str:
    text = str(excinfo.value)
    assert "\n" not in text
    assert f"127.0.0.1:{port}" in text
    assert PASSWORD not in text
    return text


# --- the message ------------------------------------------------------------------------


def test_digest_reaches_every_recipient_with_text_and_html(smtp_server: Server) -> None:
    collector, port = smtp_server()
    send_digest(section(port), build_digest(RECORDS, profile_name="Alice"))

    (envelope,) = collector.envelopes
    assert envelope.mail_from == "jobmatch@example.org"
    assert envelope.rcpt_tos == ["me@example.org", "also@example.com"]
    message = collector.message()
    assert message["Subject"] == "jobmatch: 2 new matches"
    assert message["From"] == "jobmatch@example.org"
    assert message["To"] == "me@example.org, also@example.com"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@example.org>")

    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    assert text_part is not None and html_part is not None
    text = text_part.get_content().replace("\r\n", "\n")
    page = html_part.get_content()

    assert "2 new matches for Alice" in text
    assert " 87  Senior Technical Project Manager — Acme · Berlin" in text
    assert "     https://boards.example.org/acme/1" in text
    assert "     - skills: jira, agile" in text
    assert "remote ok" in text and "- x" not in text  # top three reasons only
    assert " 51  <script>alert(1)</script> TPM — Evil & Co\n" in text  # plain text is literal

    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; TPM" in page
    assert "Evil &amp; Co" in page and "&lt;b&gt;bold&lt;/b&gt; claim" in page
    assert (
        '<a href="https://boards.example.org/acme/1">Senior Technical Project Manager</a>' in page
    )
    assert "javascript:" not in page  # not a link, and not shown as one


def test_subject_template_and_singular_heading() -> None:
    message = build_digest(
        [record()], profile_name="Bob\nBcc: x@evil.example", subject="{count} for {profile}"
    )
    assert message["Subject"] == "1 for Bob Bcc: x@evil.example"  # no header injection
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().startswith("1 new match for Bob Bcc: x@evil.example\n")


def test_no_digest_without_matches() -> None:
    with pytest.raises(ValueError, match="empty digest"):
        build_digest([], profile_name="Alice")


def test_send_matches_sends_only_when_enabled_and_something_is_new(smtp_server: Server) -> None:
    collector, port = smtp_server()
    assert send_matches(section(port), [], profile_name="Alice") is False
    assert send_matches(section(port, enabled=False), RECORDS, profile_name="Alice") is False
    assert send_matches(None, RECORDS, profile_name="Alice") is False
    assert collector.envelopes == []

    assert send_matches(section(port), RECORDS[:1], profile_name="Alice") is True
    assert collector.message()["Subject"] == "jobmatch: 1 new matches"


# --- TLS and login ----------------------------------------------------------------------


def test_starttls_then_login(
    smtp_server: Server, certificate: Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    collector, port = smtp_server(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    notify = section(port, starttls=True, username=USER, password_env=PASSWORD_ENV)

    send_digest(
        notify,
        build_digest(RECORDS, profile_name="Alice"),
        ssl_context=certificate.client_context(),
    )

    (session,) = collector.sessions
    assert session.ssl is not None  # the session was upgraded before MAIL FROM
    assert session.authenticated is True
    assert collector.message()["Subject"] == "jobmatch: 2 new matches"


def test_smtps_from_the_first_byte(
    smtp_server: Server, certificate: Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    collector, port = smtp_server(
        ssl_context=certificate.server_context(),
        authenticator=authenticator,
        # aiosmtpd only counts STARTTLS as TLS, so over SMTPS it must be told to offer AUTH
        # (and then it can't require it without a warning); the assertion below checks login.
        auth_require_tls=False,
    )
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    notify = section(port, ssl=True, username=USER, password_env=PASSWORD_ENV)

    send_digest(
        notify,
        build_digest(RECORDS, profile_name="Alice"),
        ssl_context=certificate.client_context(),
    )

    assert collector.sessions[0].authenticated is True
    assert len(collector.envelopes) == 1


def test_wrong_password_is_one_line_naming_the_server(
    smtp_server: Server, certificate: Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    collector, port = smtp_server(
        tls_context=certificate.server_context(), authenticator=authenticator, auth_required=True
    )
    monkeypatch.setenv(PASSWORD_ENV, "not-the-password")
    notify = section(port, starttls=True, username=USER, password_env=PASSWORD_ENV)

    with pytest.raises(NotifyError) as excinfo:
        send_digest(
            notify,
            build_digest(RECORDS, profile_name="Alice"),
            ssl_context=certificate.client_context(),
        )

    text = one_line_error(excinfo, port)
    assert "login as mailer rejected (535" in text
    assert "not-the-password" not in text
    assert collector.envelopes == []


def test_missing_password_variable_names_it_before_connecting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    port = free_port()  # nothing listens: the error must come before any connection
    notify = section(port, starttls=True, username=USER, password_env=PASSWORD_ENV)

    with pytest.raises(NotifyError) as excinfo:
        send_digest(notify, build_digest(RECORDS, profile_name="Alice"))

    text = one_line_error(excinfo, port)
    assert f"environment variable {PASSWORD_ENV} (notify.password_env) is not set" in text


def test_untrusted_certificate_is_refused(smtp_server: Server, certificate: Certificate) -> None:
    collector, port = smtp_server(tls_context=certificate.server_context())

    with pytest.raises(NotifyError) as excinfo:  # the default context trusts the system CAs only
        send_digest(section(port, starttls=True), build_digest(RECORDS, profile_name="Alice"))

    assert "TLS certificate not accepted" in one_line_error(excinfo, port)
    assert collector.envelopes == []


def test_starttls_asked_but_not_offered(smtp_server: Server) -> None:
    _, port = smtp_server()

    with pytest.raises(NotifyError) as excinfo:
        send_digest(section(port, starttls=True), build_digest(RECORDS, profile_name="Alice"))

    assert "STARTTLS extension not supported by server" in one_line_error(excinfo, port)


def test_connection_refused_is_one_line() -> None:
    port = free_port()

    with pytest.raises(NotifyError) as excinfo:
        send_digest(section(port), build_digest(RECORDS, profile_name="Alice"))

    assert (
        one_line_error(excinfo, port) == f"e-mail via 127.0.0.1:{port} failed: connection refused"
    )


# --- the [notify] table -----------------------------------------------------------------


def test_defaults() -> None:
    notify = NotifySection.model_validate(
        {
            "smtp_host": "smtp.example.org",
            "sender": "a@example.org",
            "recipients": ["b@example.org"],
        }
    )
    assert notify.enabled is False
    assert (notify.smtp_port, notify.starttls, notify.ssl, notify.timeout) == (587, True, False, 30)
    assert notify.subject == "jobmatch: {count} new matches"
    assert notify.recipients == ("b@example.org",)
    with pytest.raises(ValidationError):
        notify.enabled = True  # type: ignore[misc]  # frozen


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"sender": "jobmatch"}, "bare e-mail address"),
        ({"sender": "Job Match <jm@example.org>"}, "bare e-mail address"),
        ({"recipients": ["ok@example.org", "me@example.org\nBcc: x@y.z"]}, "bare e-mail address"),
        ({"recipients": []}, "e-mail needs smtp_host, sender and recipients together"),
        ({"smtp_port": 0}, "greater than or equal to 1"),
        ({"timeout": 0}, "greater than 0"),
        ({"subject": "{count} new for {name}"}, "only {count} and {profile}"),
        ({"subject": "two\nlines"}, "one line"),
        ({"password_env": "hunter2!"}, "NAME of an environment variable"),
        ({"username": "me"}, "set both or neither"),
        ({"password_env": "PW"}, "set both or neither"),
        ({"username": "me", "password_env": "PW", "starttls": False}, "unencrypted"),
        ({"smtp_hots": "typo.example.org"}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_tables(overrides: dict[str, Any], problem: str) -> None:
    values = {"smtp_host": "smtp.example.org", "sender": "a@example.org", "recipients": ["b@x.org"]}
    with pytest.raises(ValidationError, match=problem):
        NotifySection.model_validate({**values, **overrides})


def test_login_over_smtps_without_starttls_is_fine() -> None:
    notify = NotifySection.model_validate(
        {
            "smtp_host": "smtp.example.org",
            "smtp_port": 465,
            "ssl": True,
            "starttls": False,
            "username": "me",
            "password_env": "PW",
            "sender": "a@example.org",
            "recipients": ["b@example.org"],
        }
    )
    assert notify.address == "smtp.example.org:465"
