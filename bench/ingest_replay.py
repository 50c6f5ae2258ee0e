"""Realistic board responses for N listings, and a replay server for them (bench_ingest).

Not a test. `build_replay(n, seed)` grows N postings (varied titles, companies, places and
2-6 KB of HTML: role, duties, requirements, benefits, boilerplate) and spreads them over
boards shaped like the recorded fixtures in tests/fixtures/<type>/:

  greenhouse 35% (whole board, HTML escaped once), lever 20% (pages of 100),
  ashby 20%, workday 15% (search pages of 20 + one detail per posting), rss 10% (RSS 2.0).

Greenhouse, Lever and Ashby boards live on three shared API hosts; each Workday tenant
and each feed on its own host (one port each), as in real life. `serve` answers on
127.0.0.1 from a child process, like the real boards: every GET 200 carries an ETag and a
Last-Modified, and a request whose If-None-Match matches (or, without one, whose
If-Modified-Since is not older) gets 304 with no body. robots.txt is 404 (no rules).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fault_server import parse_head  # the bench runs with the project root on sys.path

LAST_MODIFIED = format_datetime(datetime(2026, 12, 6, 8, 0, tzinfo=UTC), usegmt=True)
NOW = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)
MIX = (("greenhouse", 0.35), ("lever", 0.20), ("ashby", 0.20), ("workday", 0.15), ("rss", 0.10))
SHARED = ("greenhouse", "lever", "ashby")  # one shared API host each: ports 0, 1, 2
BOARD_SIZES = {  # postings per board, drawn in turn (real boards: a few to a few hundred)
    "greenhouse": (12, 30, 60, 90, 150, 280),
    "lever": (8, 25, 45, 120, 230),
    "ashby": (10, 20, 40, 75, 160),
    "workday": (60, 140, 260),  # a search's max_pages (20 x 20) stays above
    "rss": (50, 100, 200),
}

# --- postings ---------------------------------------------------------------------------

TITLES = [
    "Technical Project Manager", "Technical Program Manager", "IT Project Manager",
    "Agile Project Manager", "Scrum Master", "Delivery Manager", "Program Manager",
    "Project Coordinator", "Release Manager", "DevOps Project Manager", "Product Manager",
    "Backend Engineer", "Data Engineer", "Site Reliability Engineer", "Account Executive",
    "Customer Success Manager", "Construction Project Manager", "Marketing Project Manager",
    "Business Analyst", "QA Engineer",
]  # fmt: skip
LEVELS = ["", "", "Senior ", "Lead ", "Staff ", "Principal ", "Associate ", "Junior "]
TEAMS = ["Payments", "Platform", "Data", "Cloud Infrastructure", "Mobile", "Identity",
         "Growth", "Core Banking", "Logistics", "Security", "ERP", "Analytics"]  # fmt: skip
COMPANY_A = ["North", "Blue", "Kestrel", "Quartz", "Lumen", "Cedar", "Vertex", "Harbor",
             "Saffron", "Indigo", "Atlas", "Orbit", "Monsoon", "Juniper", "Falcon"]  # fmt: skip
COMPANY_B = ["wind", "stone", "Pay", "Labs", "Analytics", "Cloud", "Works", "Health",
             "Logistics", "Systems", "Robotics", "Finance", "Retail", "Mobility"]  # fmt: skip
PLACES = [  # (city, region, country, remote type)
    ("Bengaluru", "Karnataka", "India", "Hybrid"), ("Hyderabad", "Telangana", "India", "Hybrid"),
    ("Pune", "Maharashtra", "India", "On-Site"), ("Gurugram", "Haryana", "India", "Hybrid"),
    ("Chennai", "Tamil Nadu", "India", "On-Site"), ("Remote", "", "India", "Remote"),
    ("London", "", "United Kingdom", "Hybrid"), ("Berlin", "", "Germany", "Hybrid"),
    ("New York", "NY", "United States", "On-Site"), ("Remote", "", "United States", "Remote"),
    ("Toronto", "ON", "Canada", "Hybrid"), ("Singapore", "", "Singapore", "On-Site"),
]  # fmt: skip
DUTIES = [
    "Own delivery plans across {n} engineering teams and keep stakeholders aligned on scope, dates and risk.",
    "Run sprint planning, daily stand-ups, reviews and retrospectives, and keep the backlog groomed and estimated.",
    "Track risks, dependencies and budgets in Jira and Smartsheet, and report status to leadership every week.",
    "Work with product, design and QA to ship releases of the {team} platform on a predictable cadence.",
    "Drive the migration of legacy services to Kubernetes on AWS with the platform team, one wave at a time.",
    "Coordinate vendors and system integrators, and keep statements of work, change requests and invoices in order.",
    "Write clear plans, decision records and release notes; make trade-offs visible early.",
    "Lead incident reviews and follow corrective actions through to closure with the owning teams.",
    "Build and maintain integrated roadmaps, Gantt charts and capacity plans for the {team} programme.",
    "Facilitate PI planning and cross-team ceremonies in a SAFe environment with {n} agile release trains.",
    "Manage scope, schedule and cost for fixed-price client projects worth up to USD {n} million.",
    "Set up dashboards for delivery metrics (cycle time, throughput, escaped defects) and act on them.",
]  # fmt: skip
REQUIREMENTS = [
    "{n}+ years of experience managing technical projects or programmes in software delivery.",
    "PMP, PRINCE2 or an equivalent certification; CSM or PSM is a plus.",
    "Hands-on experience with Jira, Confluence and MS Project or Smartsheet.",
    "Working knowledge of cloud platforms (AWS, Azure or GCP), CI/CD pipelines and REST APIs.",
    "A bachelor's degree in computer science, engineering or a related field.",
    "Excellent written and spoken English; you can explain technical risk to executives.",
    "Experience with Agile, Scrum and Kanban, and with waterfall where contracts demand it.",
    "Comfort with budgeting, forecasting and vendor management for multi-million programmes.",
    "Experience in fintech, payments or other regulated industries (PCI DSS, SOC 2).",
    "Ability to work overlapping hours with teams in the US and Europe.",
]  # fmt: skip
BENEFITS = [
    "Comprehensive medical, dental and vision insurance for you and your family.",
    "A yearly learning budget and paid certification exams.",
    "Flexible hours and a home-office allowance.",
    "Employee stock options and an annual performance bonus.",
    "26 days of paid leave plus public holidays, and paid parental leave.",
    "Wellness programmes, gym membership and mental-health support.",
]  # fmt: skip
ABOUT = (
    "<p>{company} builds software that {n} million people rely on every day. We are a "
    "team of engineers, designers and operators spread across {n} offices, and we care about "
    "shipping reliable products, writing things down and helping each other grow. Our teams "
    "work in small, autonomous squads with clear ownership and a short path to production.</p>"
)
EEO = (
    "<p><em>{company} is an equal opportunity employer. We celebrate diversity and are "
    "committed to creating an inclusive environment for all employees. All qualified "
    "applicants will receive consideration for employment without regard to race, colour, "
    "religion, sex, sexual orientation, gender identity, national origin, disability, "
    "veteran status or any other characteristic protected by law. If you need an "
    "accommodation during the hiring process, please tell your recruiter. We process your "
    "personal data in line with our candidate privacy notice, which you can read on our "
    "careers site; we keep it for up to 24 months unless you ask us to delete it "
    "sooner.</em></p>"
)


@dataclass(frozen=True, slots=True)
class Posting:
    k: int
    title: str
    company: str
    city: str
    region: str
    country: str
    remote_type: str
    team: str
    intro: str  # HTML: about the company and the role
    duties: list[str]
    requirements: list[str]
    outro: str  # HTML: benefits and boilerplate
    posted: datetime

    @property
    def location(self) -> str:
        return ", ".join(p for p in (self.city, self.region, self.country) if p)

    @property
    def html(self) -> str:
        return (
            self.intro
            + "<h3>What you'll do</h3><ul>"
            + "".join(f"<li>{d}</li>" for d in self.duties)
            + "</ul><h3>What you bring</h3><ul>"
            + "".join(f"<li>{r}</li>" for r in self.requirements)
            + "</ul>"
            + self.outro
        )


def make_posting(rng: random.Random, k: int, size: tuple[int, int] = (2000, 6000)) -> Posting:
    """One posting with `size` bytes of HTML (2-6 KB), shaped like the recorded fixtures' ads."""
    company = rng.choice(COMPANY_A) + rng.choice(COMPANY_B) + rng.choice(["", " India", " Inc."])
    team = rng.choice(TEAMS)
    title = f"{rng.choice(LEVELS)}{rng.choice(TITLES)}"
    if rng.random() < 0.5:
        title += f" - {team}"
    city, region, country, remote_type = rng.choice(PLACES)
    n = rng.randint(2, 12)
    target = rng.randint(*size)
    intro = ABOUT.format(company=html.escape(company), n=n) + (
        f"<p>As our <strong>{html.escape(title)}</strong> in {city} you will join the {team} "
        f"group and report to the Director of Engineering Programs.</p>"
    )
    duties = [d.format(n=rng.randint(2, 9), team=team) for d in rng.sample(DUTIES, 5)]
    requirements = [r.format(n=rng.randint(2, 12)) for r in rng.sample(REQUIREMENTS, 5)]
    outro = (
        "<h3>Benefits</h3><ul>"
        + "".join(f"<li>{b}</li>" for b in rng.sample(BENEFITS, 4))
        + "</ul>"
        + EEO.format(company=html.escape(company))
    )
    size = len(intro) + len(outro) + sum(len(x) + 9 for x in (*duties, *requirements)) + 60
    extra_duties, extra_reqs = [d for d in DUTIES], [r for r in REQUIREMENTS]
    while size < target:  # longer ads: more duties and requirements, and more about us
        pool, into = (
            (extra_duties, duties)
            if len(duties) <= len(requirements)
            else (extra_reqs, requirements)
        )
        line = rng.choice(pool).format(n=rng.randint(2, 12), team=rng.choice(TEAMS))
        into.append(line)
        size += len(line) + 9
        if len(duties) + len(requirements) > 30:
            intro += ABOUT.format(company=html.escape(company), n=rng.randint(2, 40))
            size += len(ABOUT)
    posted = NOW - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
    return Posting(k, title, company, city, region, country, remote_type, team, intro,
                   duties, requirements, outro, posted)  # fmt: skip


# --- boards and their responses -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reply:
    body: bytes
    content_type: str
    etag: str


def _reply(body: bytes, content_type: str = "application/json; charset=utf-8") -> Reply:
    return Reply(body, content_type, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')


def _json(value: Any) -> Reply:
    return _reply(json.dumps(value, ensure_ascii=False).encode())


@dataclass
class Board:
    kind: str
    name: str  # the board token / tenant / feed name
    host: int  # index of the port serving it
    postings: list[Posting]


@dataclass
class Replay:
    n: int
    hosts: int  # ports to open
    boards: list[Board]
    # (method, path, key) -> reply; key: Lever's `skip`, Workday's search `offset`, or ""
    routes: dict[tuple[str, str, str], Reply] = field(default_factory=dict)

    def reply_kinds(self) -> Counter[str]:
        return Counter(_kind_of(path) for _, path, _ in self.routes)


def _kind_of(path: str) -> str:
    for prefix, kind in (("/v1/boards/", "greenhouse"), ("/v0/postings/", "lever"),
                         ("/posting-api/", "ashby"), ("/wday/", "workday"), ("/feeds/", "rss")):  # fmt: skip
        if path.startswith(prefix):
            return kind
    return "other"


def build_replay(n: int, seed: int = 7) -> Replay:
    """N postings spread over boards of each kind (MIX), with every response prepared."""
    rng = random.Random(seed)
    boards: list[Board] = []
    k = 0
    host = len(SHARED)
    for kind, share in MIX:
        quota = round(n * share) if kind != MIX[-1][0] else n - k
        sizes = BOARD_SIZES[kind]
        made = 0
        while made < quota:
            size = min(sizes[len(boards) % len(sizes)], quota - made)
            postings = [make_posting(rng, k + i) for i in range(size)]
            if kind in SHARED:
                where = SHARED.index(kind)
            else:
                where, host = host, host + 1
            boards.append(Board(kind, f"{kind[:2]}{len(boards)}", where, postings))
            made += size
            k += size
    replay = Replay(n=k, hosts=host, boards=boards)
    for board in boards:
        _add_routes(replay.routes, board)
    return replay


def _add_routes(routes: dict[tuple[str, str, str], Reply], board: Board) -> None:
    if board.kind == "greenhouse":
        routes["GET", f"/v1/boards/{board.name}/jobs", ""] = _json(
            {
                "jobs": [_greenhouse(board, p) for p in board.postings],
                "meta": {"total": len(board.postings)},
            }  # fmt: skip
        )
    elif board.kind == "lever":
        items = [_lever(board, p) for p in board.postings]
        for skip in range(0, len(items) + 1, 100):  # the last page is short (maybe empty)
            routes["GET", f"/v0/postings/{board.name}", str(skip)] = _json(items[skip : skip + 100])
    elif board.kind == "ashby":
        routes["GET", f"/posting-api/job-board/{board.name}", ""] = _json(
            {"apiVersion": "1", "jobs": [_ashby(board, p) for p in board.postings]}
        )
    elif board.kind == "workday":
        cxs = f"/wday/cxs/{board.name}/External"
        summaries = [_workday_summary(p) for p in board.postings]
        for offset in range(0, len(summaries), 20):
            page = {"total": len(summaries), "jobPostings": summaries[offset : offset + 20]}
            routes["POST", f"{cxs}/jobs", str(offset)] = _json(page)
        for posting, summary in zip(board.postings, summaries, strict=True):
            routes["GET", cxs + summary["externalPath"], ""] = _json(
                _workday_detail(board, posting, summary["externalPath"])
            )
    else:
        routes["GET", f"/feeds/{board.name}.xml", ""] = _reply(
            _rss(board), "application/rss+xml; charset=utf-8"
        )


def _greenhouse(board: Board, p: Posting) -> dict[str, Any]:
    return {
        "absolute_url": f"https://job-boards.greenhouse.io/{board.name}/jobs/{4400000000 + p.k}",
        "internal_job_id": 4100000000 + p.k,
        "location": {"name": p.location},
        "metadata": [
            {
                "id": 1,
                "name": "Employment Type",
                "value": "Full-time",
                "value_type": "single_select",
            }
        ],  # fmt: skip
        "id": 4400000000 + p.k,
        "updated_at": p.posted.isoformat(),
        "requisition_id": f"ENG-{p.k}",
        "title": p.title,
        "company_name": p.company,
        "first_published": p.posted.isoformat(),
        "language": "en",
        "content": html.escape(p.html),  # Greenhouse escapes its HTML once more
        "departments": [{"id": 1, "name": p.team, "child_ids": [], "parent_id": None}],
        "offices": [{"id": 2, "name": p.city, "location": p.location}],
    }


def _lever(board: Board, p: Posting) -> dict[str, Any]:
    return {
        "id": f"{p.k:08x}-1c2d-4e5f-8a9b-{p.k:012x}",
        "text": p.title,
        "hostedUrl": f"https://jobs.lever.co/{board.name}/{p.k:08x}",
        "applyUrl": f"https://jobs.lever.co/{board.name}/{p.k:08x}/apply",
        "createdAt": int(p.posted.timestamp() * 1000),
        "workplaceType": {"Remote": "remote", "Hybrid": "hybrid"}.get(p.remote_type, "onsite"),
        "categories": {
            "commitment": "Full-time",
            "department": "Engineering",
            "team": p.team,
            "location": p.location,
            "allLocations": [p.location],
        },  # fmt: skip
        "description": p.intro,
        "descriptionPlain": "",
        "lists": [
            {"text": "What you'll do", "content": "".join(f"<li>{d}</li>" for d in p.duties)},
            {
                "text": "What you bring",
                "content": "".join(f"<li>{r}</li>" for r in p.requirements),
            },  # fmt: skip
        ],
        "additional": p.outro,
        "additionalPlain": "",
    }


def _ashby(board: Board, p: Posting) -> dict[str, Any]:
    job_id = f"{p.k:08x}-7d4e-4b8f-a9c0-{p.k:012x}"
    return {
        "id": job_id,
        "title": p.title,
        "department": "Engineering",
        "team": p.team,
        "employmentType": "FullTime",
        "location": p.location,
        "publishedAt": p.posted.isoformat(),
        "isListed": True,
        "isRemote": p.remote_type == "Remote",
        "workplaceType": {"Remote": "Remote", "Hybrid": "Hybrid"}.get(p.remote_type, "OnSite"),
        "jobUrl": f"https://jobs.ashbyhq.com/{board.name}/{job_id}",
        "applyUrl": f"https://jobs.ashbyhq.com/{board.name}/{job_id}/application",
        "descriptionHtml": p.html,
        "descriptionPlain": "",
        "shouldDisplayCompensationOnJobPostings": False,
    }


def _workday_summary(p: Posting) -> dict[str, Any]:
    slug = "-".join(p.title.replace("-", " ").split())
    place = "-".join(p.location.replace(",", " ").split())
    return {
        "title": p.title,
        "externalPath": f"/job/{place}/{slug}_JR-{p.k}",
        "locationsText": p.location,
        "postedOn": f"Posted {(NOW - p.posted).days} Days Ago",
        "bulletFields": [f"JR-{p.k}"],
    }


def _workday_detail(board: Board, p: Posting, path: str) -> dict[str, Any]:
    return {
        "jobPostingInfo": {
            "id": f"{p.k:032x}",
            "title": p.title,
            "jobDescription": p.html,
            "location": ", ".join(x for x in (p.city, p.region) if x),
            "postedOn": f"Posted {(NOW - p.posted).days} Days Ago",
            "startDate": p.posted.date().isoformat(),
            "timeType": "Full time",
            "remoteType": p.remote_type,
            "jobReqId": f"JR-{p.k}",
            "country": {"descriptor": p.country, "id": "c4f78be1"},
            "canApply": True,
            "externalUrl": f"https://{board.name}.wd5.myworkdayjobs.com/en-US/External{path}",
        },
        "hiringOrganization": {"name": f"{p.company} Private Limited", "url": ""},
        "similarJobs": [],
        "userAuthenticated": False,
    }


def _rss(board: Board) -> bytes:
    items = "".join(
        "<item>"
        f"<title>{html.escape(p.title)}</title>"
        f"<link>https://careers.example/{board.name}/jobs/{p.k}</link>"
        f'<guid isPermaLink="false">{board.name}-{p.k}</guid>'
        f"<pubDate>{format_datetime(p.posted)}</pubDate>"
        f"<category>{p.team}</category>"
        f"<description>{html.escape(p.html)}</description>"
        "</item>"
        for p in board.postings
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{board.name} careers</title><link>https://careers.example/{board.name}</link>"
        f"<description>Open roles</description>{items}</channel></rss>"
    ).encode()


# --- the server (a child process, so its work doesn't share the benchmark's GIL) ----------


@dataclass
class Seen:
    requests: Counter[str] = field(default_factory=Counter)  # per kind
    not_modified: Counter[str] = field(default_factory=Counter)
    bytes_sent: int = 0


_EMPTY_WORKDAY = json.dumps({"total": 0, "jobPostings": []}).encode()


def serve(conn: Connection, n: int, seed: int) -> None:
    """Build the replay, open its ports, send them; answer 'stats' (and reset) and 'stop'."""
    asyncio.run(_serve(conn, build_replay(n, seed)))


async def _serve(conn: Connection, replay: Replay) -> None:
    seen = Seen()
    routes = replay.routes

    def resolve(
        method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Reply | None]:
        parts = urlsplit(target)
        path, key = parts.path, ""
        if path.startswith("/v0/postings/"):
            key = dict(parse_qsl(parts.query)).get("skip", "0")
        elif method == "POST":
            key = str(json.loads(body or b"{}").get("offset", 0))
        reply = routes.get((method, path, key))
        if reply is None:
            if method == "POST":  # past the last search page
                return 200, _reply(_EMPTY_WORKDAY)
            return 404, None
        if method == "GET" and _unchanged(headers, reply):
            return 304, reply
        return 200, reply

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:  # HTTP/1.1 keep-alive: one request after another
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                method, target, headers = parse_head(head.removesuffix("\r\n\r\n"))
                length = int(headers.get("content-length") or 0)
                body = await reader.readexactly(length) if length else b""
                status, reply = resolve(method, target, headers, body)
                kind = _kind_of(urlsplit(target).path)
                seen.requests[kind] += 1
                if status == 304:
                    seen.not_modified[kind] += 1
                writer.write(_response(status, reply))
                seen.bytes_sent += len(reply.body) if reply and status == 200 else 0
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client closed the connection
        finally:
            writer.close()

    servers = [await asyncio.start_server(answer, "127.0.0.1", 0) for _ in range(replay.hosts)]
    conn.send([s.sockets[0].getsockname()[1] for s in servers])
    loop = asyncio.get_running_loop()
    while True:
        message = await loop.run_in_executor(None, conn.recv)
        if message == "stats":
            conn.send({"requests": dict(seen.requests), "not_modified": dict(seen.not_modified),
                       "bytes": seen.bytes_sent})  # fmt: skip
            seen = Seen()
        else:
            break
    for server in servers:
        server.close()


def _unchanged(headers: dict[str, str], reply: Reply) -> bool:
    """RFC 9110: If-None-Match decides when sent; otherwise If-Modified-Since."""
    if "if-none-match" in headers:
        return reply.etag in (tag.strip() for tag in headers["if-none-match"].split(","))
    since = headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
        except (TypeError, ValueError):
            return False
    return False


def _response(status: int, reply: Reply | None) -> bytes:
    if status == 404 or reply is None:
        body = b'{"status": 404, "error": "Not Found"}'
        return (b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body  # fmt: skip
    validators = f"ETag: {reply.etag}\r\nLast-Modified: {LAST_MODIFIED}\r\n"
    if status == 304:
        return f"HTTP/1.1 304 Not Modified\r\n{validators}\r\n".encode()
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {reply.content_type}\r\n{validators}"
        f"Content-Length: {len(reply.body)}\r\n\r\n"
    ).encode() + reply.body
