"""E-mail a digest of new matches after a run, over SMTP (stdlib smtplib).

The `[notify]` table names an environment variable that holds the SMTP password
(`password_env`), never the password itself. No e-mail is sent when there is nothing new,
unless the weekly career insights are due (`insights = "weekly"`): they go out alone then.
Every transport problem becomes a one-line `NotifyError` naming host:port.
"""

from __future__ import annotations

import html
import logging
import os
import re
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from jobmatch.errors import JobmatchError
from jobmatch.output import clean
from jobmatch.push import (
    NtfySection,
    PushError,
    WebhookSection,
    digest_text,
    send_ntfy,
    send_webhook,
)

if TYPE_CHECKING:  # the insights package is imported only when they are sent
    from jobmatch.insights.model import Insights

log = logging.getLogger(__name__)

DEFAULT_SUBJECT = "jobmatch: {count} new matches"
INSIGHTS_SUBJECT = "jobmatch: weekly insights for {profile}"  # a night with no new match
# The e-mail's own style for the insights tables: mail clients keep a <style> in the head.
_INSIGHTS_CSS = (
    "table{border-collapse:collapse;margin:6px 0 14px}"
    "th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}"
    "th{font-size:90%;color:#555}.num{text-align:right}.note{color:#555;margin:4px 0}"
    ".few{color:#777;font-style:italic}"
)
TOP_REASONS = 3

# Deliberately loose: one @, no whitespace, no characters that would end a header field
# or an address list. The SMTP server has the final word.
_ADDRESS = re.compile(r"[^@\s<>,;:\"()\[\]\\]+@[^@\s<>,;:\"()\[\]\\]+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _line(text: Any) -> str:
    """Untrusted text as one line: controls and escapes dropped, whitespace collapsed."""
    return " ".join(clean(None if text is None else str(text)).split())


class NotifyError(JobmatchError):
    """The digest could not be sent (connection, TLS, authentication, refused by server).
    `delivered`: another channel did deliver it."""

    def __init__(self, message: str, *, delivered: bool = False) -> None:
        super().__init__(message)
        self.delivered = delivered


def _check_address(value: str) -> str:
    if not _ADDRESS.fullmatch(value):
        raise ValueError("expected a bare e-mail address like you@example.org")
    return value


class NotifySection(BaseModel):
    """`[notify]`: e-mail the new matches of each profile after `run`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(default=False, description="send a digest after `run`")
    smtp_host: str | None = Field(
        default=None, min_length=1, description="SMTP server host name (e-mail)"
    )
    smtp_port: int = Field(
        default=587, ge=1, le=65535, description="587 for STARTTLS, 465 for SMTPS"
    )
    starttls: bool = Field(default=True, description="upgrade with STARTTLS (ignored when ssl)")
    ssl: bool = Field(default=False, description="SMTPS: TLS from the first byte (port 465)")
    username: str | None = Field(default=None, min_length=1, description="SMTP login, if any")
    password_env: str | None = Field(
        default=None,
        description="NAME of the environment variable holding the SMTP password",
    )
    sender: str | None = Field(default=None, description="From: address")
    recipients: tuple[str, ...] = Field(default=(), description="To: addresses")
    subject: str = Field(
        default=DEFAULT_SUBJECT,
        min_length=1,
        description="subject; {count} and {profile} are filled in",
    )
    timeout: float = Field(default=30, gt=0, description="seconds per SMTP operation")
    webhook: WebhookSection | None = Field(default=None, description="POST to a webhook")
    ntfy: NtfySection | None = Field(default=None, description="publish to an ntfy topic")
    insights: Literal["weekly", "off"] = Field(
        default="off",
        description='"weekly": add the career insights to the digest once every 7 days',
    )

    @field_validator("sender")
    @classmethod
    def _valid_sender(cls, value: str | None) -> str | None:
        return None if value is None else _check_address(value)

    @field_validator("recipients")
    @classmethod
    def _valid_recipients(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for address in value:
            _check_address(address)
        return value

    @field_validator("password_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is not None and not _ENV_NAME.fullmatch(value):
            raise ValueError(
                "must be the NAME of an environment variable (like JOBMATCH_SMTP_PASSWORD), "
                "not the password"
            )
        return value

    @field_validator("subject")
    @classmethod
    def _subject_template(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("must be one line")
        try:
            value.format(count=0, profile="")
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"only {{count}} and {{profile}} can be filled in ({e})") from None
        return value

    @model_validator(mode="after")
    def _a_whole_channel(self) -> NotifySection:
        mail = (self.smtp_host, self.sender, self.recipients or None)
        if any(part is not None for part in mail) and None in mail:
            raise ValueError("e-mail needs smtp_host, sender and recipients together")
        if self.smtp_host is None and self.webhook is None and self.ntfy is None:
            raise ValueError(
                "no channel: set smtp_host/sender/recipients, [notify.webhook] or [notify.ntfy]"
            )
        return self

    @property
    def mails(self) -> bool:
        return self.smtp_host is not None

    @model_validator(mode="after")
    def _login_needs_password_and_tls(self) -> NotifySection:
        if (self.username is None) != (self.password_env is None):
            raise ValueError("username and password_env go together: set both or neither")
        if self.username is not None and not (self.ssl or self.starttls):
            raise ValueError(
                "logging in needs starttls = true or ssl = true; "
                "the password would cross the network unencrypted"
            )
        return self

    @property
    def address(self) -> str:
        return f"{self.smtp_host}:{self.smtp_port}"


def build_digest(
    records: Sequence[Mapping[str, Any]],
    *,
    profile_name: str,
    subject: str = DEFAULT_SUBJECT,
    insights: Insights | None = None,
) -> EmailMessage:
    """One message listing `records` (as made by `output.match_record`), best first as given,
    then the weekly `insights` if given (compact: `insights.render.digest_blocks`).

    Plain text with an HTML alternative; all board text is cleaned and, in HTML, escaped.
    From/To are set by `send_digest`. Raises ValueError when there are neither records nor
    insights: there is nothing to send, and callers should not send an empty digest. With
    insights alone the subject is INSIGHTS_SUBJECT: "0 new matches" would mislead.
    """
    if not records and insights is None:
        raise ValueError("no matches: an empty digest is not sent")
    profile = _line(profile_name)
    count = len(records)
    heading = f"{count} new match{'es' if count != 1 else ''} for {profile}" if records else ""
    template = subject if records else INSIGHTS_SUBJECT

    message = EmailMessage()
    message["Subject"] = _line(template.format(count=count, profile=profile))
    message["Date"] = formatdate(localtime=True)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message.set_content(_plain(records, heading, insights), subtype="plain", charset="utf-8")
    message.add_alternative(_html(records, heading, insights), subtype="html", charset="utf-8")
    return message


def _fields(record: Mapping[str, Any]) -> tuple[str, str, str, str, list[str]]:
    score = record.get("score")
    score_text = f"{score:.0f}" if isinstance(score, int | float) else "?"
    title = _line(record.get("title")) or "(untitled)"
    where = " · ".join(
        part for part in (_line(record.get("company")), _line(record.get("location"))) if part
    )
    url = _line(record.get("url"))
    reasons = [_line(r) for r in (record.get("reasons") or [])[:TOP_REASONS]]
    return score_text, title, where, url, [r for r in reasons if r]


def _plain(
    records: Sequence[Mapping[str, Any]], heading: str, insights: Insights | None = None
) -> str:
    lines = [heading, ""] if heading else []
    for record in records:
        score, title, where, url, reasons = _fields(record)
        lines.append(f"{score:>3}  {title}" + (f" — {where}" if where else ""))
        if url:
            lines.append(f"     {url}")
        lines.extend(f"     - {reason}" for reason in reasons)
        lines.append("")
    if insights is not None:
        from jobmatch.insights.render import render_digest_text

        lines += [render_digest_text(insights).rstrip("\n"), ""]
    lines.append("-- ")
    lines.append("jobmatch")
    return "\n".join(lines) + "\n"


def _html(
    records: Sequence[Mapping[str, Any]], heading: str, insights: Insights | None = None
) -> str:
    e = html.escape
    style = f"<style>{_INSIGHTS_CSS}</style>" if insights is not None else ""
    parts = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="utf-8">{style}</head><body>',
    ]
    if heading:
        parts.append(f"<h2>{e(heading)}</h2>")
    for record in records:
        score, title, where, url, reasons = _fields(record)
        # Only web links become anchors: no javascript:, data: or mailto: from a board.
        if url.lower().startswith(("https://", "http://")):
            job = f'<a href="{e(url, quote=True)}">{e(title)}</a>'
        else:
            job = e(title)
        parts.append('<div style="margin-bottom:1em">')
        parts.append(f"<p><strong>{e(score)}</strong> {job}" + (f" — {e(where)}" if where else ""))
        parts.append("</p>")
        if reasons:
            parts.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in reasons) + "</ul>")
        parts.append("</div>")
    if insights is not None:
        from jobmatch.insights.html import render_sections
        from jobmatch.insights.render import digest_blocks, headline

        title, subtitle = headline(insights)
        parts.append(f'<h2>{e(title)}</h2><p class="note">{e(subtitle)}</p>')
        parts.append(render_sections(digest_blocks(insights)))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def send_digest(
    section: NotifySection,
    message: EmailMessage,
    *,
    ssl_context: ssl.SSLContext | None = None,
) -> None:
    """Send `message` from `section.sender` to `section.recipients`.

    `ssl_context` defaults to the system trust store with hostname checking; tests pass one
    trusting their own certificate. Raises NotifyError with one line naming host:port.
    """
    host, sender = section.smtp_host, section.sender
    if host is None or sender is None:
        raise NotifyError("e-mail is not configured: [notify] smtp_host, sender, recipients")
    password = _password(section) if section.username is not None else None
    for header, value in (("From", sender), ("To", ", ".join(section.recipients))):
        del message[header]
        message[header] = value
    if "Message-ID" not in message:
        message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    context = ssl_context if ssl_context is not None else ssl.create_default_context()

    try:
        client: smtplib.SMTP
        if section.ssl:
            client = smtplib.SMTP_SSL(
                host, section.smtp_port, timeout=section.timeout, context=context
            )
        else:
            client = smtplib.SMTP(host, section.smtp_port, timeout=section.timeout)
        with client:
            if section.starttls and not section.ssl:
                client.starttls(context=context)
            if section.username is not None and password is not None:
                client.login(section.username, password)
            refused = client.send_message(
                message, from_addr=sender, to_addrs=list(section.recipients)
            )
    except (smtplib.SMTPException, OSError) as e:
        raise NotifyError(f"e-mail via {section.address} failed: {_describe(e, section)}") from e
    if refused:
        log.warning(
            "e-mail via %s: refused for %s",
            section.address,
            ", ".join(f"{rcpt} ({_response(*answer)})" for rcpt, answer in sorted(refused.items())),
        )


def send_matches(
    section: NotifySection | None,
    records: Sequence[Mapping[str, Any]],
    *,
    profile_name: str,
    ssl_context: ssl.SSLContext | None = None,
    transport: httpx.BaseTransport | None = None,
    insights: Insights | None = None,
) -> bool:
    """The call after `run`: send the digest on every configured channel if notifying is
    on and there are matches or `insights` (the weekly ones, when due). Each channel is
    tried; failures are raised together as one NotifyError after the others had their
    turn. Returns whether any channel delivered."""
    if section is None or not section.enabled or (not records and insights is None):
        return False
    failures: list[str] = []
    delivered = False
    sent = (f"{len(records)} matches" if records else "", "insights" if insights else "")
    what = " and ".join(part for part in sent if part)
    if section.mails:
        try:
            message = build_digest(
                records, profile_name=profile_name, subject=section.subject, insights=insights
            )
            send_digest(section, message, ssl_context=ssl_context)
            log.info("e-mailed %s for %s to %s", what, profile_name, section.address)
            delivered = True
        except NotifyError as e:
            failures.append(str(e))
    text = digest_text(records, profile_name=profile_name, line=_line) if records else ""
    short = ""
    if insights is not None:
        from jobmatch.insights.render import render_short

        short = render_short(insights)
    for channel in (section.webhook, section.ntfy):
        if channel is None:
            continue
        try:
            if isinstance(channel, WebhookSection):
                send_webhook(channel, records, text, profile_name=profile_name,
                             transport=transport, insights=short)  # fmt: skip
            else:
                send_ntfy(channel, records, text, profile_name=profile_name,
                          transport=transport, insights=short)  # fmt: skip
            delivered = True
        except PushError as e:
            failures.append(str(e))
    if failures:
        raise NotifyError("; ".join(failures), delivered=delivered)
    return delivered


def _password(section: NotifySection) -> str:
    name = section.password_env
    password = os.environ.get(name) if name else None
    if not password:
        raise NotifyError(
            f"e-mail via {section.address}: environment variable {name} (notify.password_env) "
            "is not set or empty; it must hold the SMTP password"
        )
    return password


def _response(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {text}".strip()


def _describe(error: BaseException, section: NotifySection) -> str:
    """One line for the user; never includes the password."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        text = (
            f"login as {section.username} rejected ({_response(error.smtp_code, error.smtp_error)})"
        )
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "all recipients refused: " + ", ".join(
            f"{rcpt} ({_response(*answer)})" for rcpt, answer in sorted(error.recipients.items())
        )
    elif isinstance(error, smtplib.SMTPResponseException):
        text = _response(error.smtp_code, error.smtp_error)
    elif isinstance(error, ConnectionRefusedError):
        text = "connection refused"
    elif isinstance(error, TimeoutError):
        text = f"timed out after {section.timeout:g} s"
    elif isinstance(error, socket.gaierror):
        text = f"cannot resolve host ({error.strerror})"
    elif isinstance(error, ssl.SSLCertVerificationError):
        text = f"TLS certificate not accepted ({error.verify_message})"
    elif isinstance(error, ssl.SSLError):
        text = f"TLS failed ({error.reason or error})"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())
