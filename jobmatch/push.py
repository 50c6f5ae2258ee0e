"""Push the digest where people look: a webhook (Slack, Discord, Teams or any JSON
receiver) and an ntfy topic. Secrets (a webhook URL is one; an ntfy token) come from
environment variables named in the config, never from the config itself.

The webhook body is JSON:
    {"text": "<the digest as text>", "content": "<the same, for Discord>",
     "profile": "...", "count": N,
     "matches": [{"id", "score", "title", "company", "location", "url", "reasons"}],
     "insights": "<the weekly insights as a few lines>" or null}
ntfy gets the text as the message body, a Title header and a Click link to the best match.
The weekly insights follow the matches in the text, and arrive whole: where a channel's
limit is reached (Discord's content, ntfy's message), the last match lines give way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator

from jobmatch.errors import JobmatchError

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TOP_REASONS = 3
DISCORD_CONTENT = 2000  # characters in Discord's `content`
NTFY_MESSAGE = 4096  # bytes of an ntfy message; a longer one becomes an attachment


class PushError(JobmatchError):
    """A push channel could not deliver the digest (one line naming the channel)."""


def _env_name(value: str | None) -> str | None:
    if value is not None and not _ENV_NAME.fullmatch(value):
        raise ValueError("must be the NAME of an environment variable, not its value")
    return value


class WebhookSection(BaseModel):
    """`[notify.webhook]`: POST the digest as JSON to a URL kept in an environment variable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url_env: str = Field(description="NAME of the environment variable holding the webhook URL")
    timeout: float = Field(default=15, gt=0, description="seconds for the POST")

    @field_validator("url_env")
    @classmethod
    def _url_env(cls, value: str) -> str:
        return _env_name(value) or value


class NtfySection(BaseModel):
    """`[notify.ntfy]`: publish the digest to an ntfy topic."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    server: str = Field(default="https://ntfy.sh", description="the ntfy server")
    topic: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_-]{1,64}$", description="topic name")
    token_env: str | None = Field(
        default=None, description="NAME of the environment variable holding an access token"
    )
    priority: int = Field(default=3, ge=1, le=5, description="ntfy priority, 1-5")
    timeout: float = Field(default=15, gt=0, description="seconds for the POST")

    @field_validator("token_env")
    @classmethod
    def _token_env(cls, value: str | None) -> str | None:
        return _env_name(value)

    @field_validator("server")
    @classmethod
    def _http_server(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL like https://ntfy.sh")
        return value.rstrip("/")


def digest_text(records: Sequence[Mapping[str, Any]], *, profile_name: str, line: Any) -> str:
    """The digest as plain lines: score, title, where, link, top reasons. `line` cleans
    untrusted board text into one line."""
    count = len(records)
    lines = [f"{count} new match{'es' if count != 1 else ''} for {line(profile_name)}"]
    for record in records:
        score = record.get("score")
        score_text = f"{score:.0f}" if isinstance(score, int | float) else "?"
        where = " · ".join(
            part for part in (line(record.get("company")), line(record.get("location"))) if part
        )
        lines.append(
            f"{score_text}  {line(record.get('title'))}" + (f" — {where}" if where else "")
        )
        if record.get("url"):
            lines.append(f"    {line(record.get('url'))}")
        for reason in (record.get("reasons") or [])[:TOP_REASONS]:
            lines.append(f"    - {line(reason)}")
    return "\n".join(lines)


def joined(*parts: str) -> str:
    """The digest's parts (matches, insights) as one text, a blank line between."""
    return "\n\n".join(part for part in parts if part)


def fit(text: str, limit: int, *, keep: str = "", size: Callable[[str], int] = len) -> str:
    """`text` and then `keep` within `limit`, as `size` measures them. Whole lines of `text`
    give way from its end, and a line says how many, so that `keep` (the weekly insights,
    short by design) arrives whole; only a `keep` over the limit by itself is cut."""
    lines = text.split("\n") if text else []
    for shown in range(len(lines), 0, -1):  # the first line, the heading, goes last
        dropped = len(lines) - shown
        head = lines[:shown] + ([f"… {dropped} more lines"] if dropped else [])
        candidate = joined("\n".join(head), keep)
        if size(candidate) <= limit:
            return candidate
    if keep and size(keep) <= limit:
        return keep
    cut = (keep or text)[:limit]  # a character is at least one unit of any measure
    while cut and size(cut + "…") > limit:
        cut = cut[:-1]
    return cut + "…" if size(cut + "…") <= limit else ""


def _secret(name: str, what: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise PushError(f"{what}: environment variable {name} is not set or empty")
    return value


def send_webhook(
    section: WebhookSection,
    records: Sequence[Mapping[str, Any]],
    text: str,
    *,
    profile_name: str,
    transport: httpx.BaseTransport | None = None,
    insights: str = "",
) -> None:
    url = _secret(section.url_env, "webhook")
    body = {
        "text": joined(text, insights),
        "content": fit(text, DISCORD_CONTENT, keep=insights),  # Discord's field, and its limit
        "profile": profile_name,
        "count": len(records),
        "matches": [
            {key: record.get(key) for key in ("id", "score", "title", "company", "location", "url")}
            | {"reasons": list(record.get("reasons") or [])[:TOP_REASONS]}
            for record in records
        ],
        "insights": insights or None,
    }
    _post("webhook", url, section.timeout, transport, json=body)


def send_ntfy(
    section: NtfySection,
    records: Sequence[Mapping[str, Any]],
    text: str,
    *,
    profile_name: str,
    transport: httpx.BaseTransport | None = None,
    insights: str = "",
) -> None:
    title = f"jobmatch: {len(records)} new matches"
    if insights:
        title = f"{title} + weekly insights" if records else "jobmatch: weekly insights"
    headers = {"Title": title, "Priority": str(section.priority)}
    first = next((r.get("url") for r in records if r.get("url")), None)
    if isinstance(first, str) and first.startswith(("https://", "http://")):
        headers["Click"] = first
    if section.token_env:
        headers["Authorization"] = "Bearer " + _secret(section.token_env, "ntfy")
    url = f"{section.server}/{section.topic}"
    body = fit(text, NTFY_MESSAGE, keep=insights, size=lambda part: len(part.encode())).encode()
    _post(f"ntfy {url}", url, section.timeout, transport, content=body, headers=headers)


def _post(
    what: str,
    url: str,
    timeout: float,
    transport: httpx.BaseTransport | None,
    **kwargs: Any,
) -> None:
    try:
        with httpx.Client(timeout=timeout, transport=transport) as client:
            response = client.post(url, **kwargs)
    except httpx.TimeoutException:
        raise PushError(f"{what}: timed out after {timeout:g} s") from None
    except httpx.HTTPError as e:
        raise PushError(f"{what}: cannot connect ({type(e).__name__})") from None
    if response.status_code >= 400:
        raise PushError(f"{what}: HTTP {response.status_code}")
