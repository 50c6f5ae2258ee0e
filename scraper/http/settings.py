"""How politely we fetch: `HttpSettings`, the per-host rules every request follows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# One API host serving many companies' boards: a night asks each of them for hundreds.
SHARED_HOSTS = (
    "boards-api.greenhouse.io",
    "api.lever.co",
    "api.eu.lever.co",
    "api.ashbyhq.com",
    "api.smartrecruiters.com",
    "apply.workable.com",
    "api.rippling.com",
)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How politely we fetch. The rules, per host (a URL's host[:port]):

    - At most `c` requests in flight, where `c` is `shared_host_concurrency` for a host in
      `shared_hosts` (one API serving many companies' boards) and `per_host` for any other.
    - Request *starts* are spaced: each gap is drawn from 0.5x-1.5x of `delay / c` (a
      robots.txt Crawl-delay raises it) and counted from when the previous start was due,
      or from when it happened less a quarter of a mean gap if that is later: a busy event
      loop neither slows the rate nor bunches starts. Starts are never closer than the
      shortest gap, `delay / c / 2`, and a host sees at most `c` requests in flight and on average
      at most `c / delay` starts a second: a shared host is treated as `c` tenants, each
      asked once per `delay`. `n` requests to one host take at least about
      `n * delay / c` seconds, and a night at least the largest of that over its hosts.
    - A `Retry-After` (capped at `max_retry_after`) on a 408/429/5xx pauses every request
      to that host until then, not just the one that got it.
    - A connection that could not be made (DNS failure, refused, connect timeout) reached
      no server: it gives its start back, so requests behind it don't wait, and it is
      retried at most `connect_retries` times (and never more than `retries`).
    - After `skip_host_after` failures in a row on one host the host is skipped for the
      rest of the night (the client's life): its requests fail at once, queued ones too. A
      failure is an attempt that could not connect, timed out, broke or was answered
      408/5xx, or a request still answered 429 after its retries. Any other answer (2xx,
      304, 404 ...) resets the count. So a host in trouble gets at most `skip_host_after`
      failing requests a night (and those already in flight), however many boards it has.
    """

    user_agent: str = "jobmatch/0.1 (+https://github.com/jobmatch/jobmatch)"
    timeout: float = 20.0
    connect_timeout: float = 10.0  # capped by `timeout`; includes the DNS lookup
    per_host: int = 1  # requests in flight to a host not in `shared_hosts`
    shared_hosts: tuple[str, ...] = SHARED_HOSTS  # host or host:port, lower case
    shared_host_concurrency: int = 4  # requests in flight to a shared host
    delay: float = 1.0  # a host allowing c in flight gets a start every delay / c s on average
    retries: int = 2
    connect_retries: int = 1
    backoff: float = 1.0  # first backoff; doubles each retry, with jitter
    max_retry_after: float = 60.0
    skip_host_after: int = 5  # failures in a row (see above) before a skip; 0: never
    max_bytes: int = 20 * 1024 * 1024

    def concurrency(self, url: str) -> int:
        """Requests allowed in flight to the host of `url`."""
        parts = urlsplit(url)
        shared = {h.lower() for h in self.shared_hosts}
        is_shared = parts.netloc.lower() in shared or (parts.hostname or "") in shared
        return self.shared_host_concurrency if is_shared else self.per_host
