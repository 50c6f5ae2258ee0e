"""JobSpy bridge: golden parse of JobSpy's CSV/JSON exports, and fetches through an
injected scrape function (no jobspy, no network)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from jobmatch import jobspy_files
from jobmatch.errors import InputError
from jobmatch.jobspy_files import looks_like_jobspy, read_import_file, read_jobspy_file
from scraper.base import FetchResult
from scraper.errors import ParseError, SourceError
from scraper.http import HttpSettings, PoliteClient
from scraper.jobspy_bridge import (
    NOT_INSTALLED,
    JobSpyConfig,
    JobSpySource,
    records_to_listings,
)
from scraper.listing import Listing, Salary
from tests.conftest import FIXTURES

CASES = FIXTURES / "jobspy"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)


def json_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((CASES / "export.json").read_text("utf-8"))
    return records


def assert_golden(listings: list[Listing]) -> None:
    expected = json.loads((CASES / "export.expected.json").read_text("utf-8"))
    assert len(listings) == len(expected)
    for got, want in zip(listings, expected, strict=True):
        assert got.source == want["source"]
        assert got.external_id == want["external_id"]
        assert got.url == want["url"]
        assert got.title == want["title"]
        assert got.company == want["company"]
        assert got.location == want["location"]
        assert got.remote is want["remote"]
        assert got.salary == (Salary(**want["salary"]) if want["salary"] else None)
        assert got.salary_text == want["salary_text"]
        assert got.posted_at == datetime.fromisoformat(want["posted_at"])
        assert got.employment_type == want["employment_type"]
        assert got.tags == tuple(want["tags"])
        assert got.description == want["description"]
        assert got.description_html.startswith(want["description_html_startswith"])


# --- reading JobSpy's exports ---------------------------------------------------------


def test_csv_export_matches_expected_listings() -> None:
    report = read_jobspy_file(CASES / "export.csv")
    assert_golden(report.listings)
    # The Indeed description spans lines 3-10, so the empty-title row starts on line 12.
    assert report.problems == [f"{CASES / 'export.csv'}:12: 'title' is missing or empty"]


def test_json_records_export_matches_expected_listings() -> None:
    report = read_jobspy_file(CASES / "export.json")
    assert_golden(report.listings)
    assert report.problems == [f"{CASES / 'export.json'}:record 4: 'title' is missing or empty"]


def test_jobs_object_and_json_lines_read_the_same(tmp_path: Path) -> None:
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"jobs": json_records()}), "utf-8")
    lines = tmp_path / "jobs.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in json_records()) + "\n", "utf-8")
    assert_golden(read_jobspy_file(wrapped).listings)
    report = read_jobspy_file(lines)
    assert_golden(report.listings)
    assert report.problems == [f"{lines}:4: 'title' is missing or empty"]


def test_json_lines_in_a_json_file_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    rows = [json.dumps(r) for r in json_records()]
    path.write_text("\n".join([*rows[:2], "{not json", "[1]", *rows[2:]]), "utf-8")
    report = read_jobspy_file(path)
    assert len(report.listings) == 4
    assert report.problems[:2] == [
        f"{path}:3: not JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:4: expected a JSON object, got list",
    ]


def test_row_without_site_gets_plain_jobspy_source(tmp_path: Path) -> None:
    record = {"id": "x-1", "job_url": "https://example.com/1", "title": "Project Manager"}
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]), "utf-8")
    assert [item.source for item in read_jobspy_file(path).listings] == ["jobspy"]


def test_csv_row_with_more_fields_than_the_header_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "id,site,job_url,title\n"
        "a1,indeed,https://indeed.example/a1,Scrum Master,surplus\n"
        "a2,indeed,https://indeed.example/a2,Delivery Lead\n",
        "utf-8",
    )
    report = read_jobspy_file(path)
    assert [item.external_id for item in report.listings] == ["a2"]
    assert report.problems == [f"{path}:2: 5 fields, the header has 4"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "file not found"),
        ("latin1.csv", b"id,title\n1,Gesch\xe4ftsf\xfchrer\n", "not UTF-8 text"),
        ("other.csv", b"name,email\nAda,ada@example.com\n", "not a JobSpy CSV"),
        ("broken.json", b'[{"id": 1,', "not JSON (Expecting"),
        ("object.json", b'{"data": []}', 'expected an array of JobSpy records or {"jobs": [...]}'),
    ],
)
def test_unusable_file_is_a_one_line_input_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=r"^[^\n]+$") as raised:
        read_jobspy_file(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_looks_like_jobspy_routes_by_extension_and_first_record(tmp_path: Path) -> None:
    ours = tmp_path / "listings.jsonl"
    ours.write_text(json.dumps({"id": "1", "source": "manual", "title": "TPM"}) + "\n", "utf-8")
    jobspy_lines = tmp_path / "jobspy.jsonl"
    jobspy_lines.write_text(json.dumps(json_records()[0]) + "\n", "utf-8")
    assert looks_like_jobspy(CASES / "export.csv")
    assert looks_like_jobspy(CASES / "export.json")
    assert looks_like_jobspy(jobspy_lines)
    assert not looks_like_jobspy(ours)
    assert not looks_like_jobspy(tmp_path / "absent.json")
    assert not looks_like_jobspy(tmp_path / "notes.txt")
    # The import command's one call: JobSpy files here, listings JSONL to read_jsonl.
    assert [item.source for item in read_import_file(ours).listings] == ["manual"]
    assert len(read_import_file(CASES / "export.csv").listings) == 4


def test_routing_json_lines_reads_only_the_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 300 MB listings file must not be read whole to learn it is not JobSpy's."""
    ours = tmp_path / "listings.jsonl"
    ours.write_text(json.dumps({"id": "1", "source": "manual", "title": "TPM"}) + "\n", "utf-8")
    jobspy_lines = tmp_path / "jobspy.json"
    jobspy_lines.write_text("\n" + "\n".join(json.dumps(r) for r in json_records()), "utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"jobs": json_records()}), "utf-8")

    def whole_text(path: Path) -> str:
        raise AssertionError(f"{path} read whole")

    monkeypatch.setattr(jobspy_files, "_read_text", whole_text)
    assert not looks_like_jobspy(ours)
    assert looks_like_jobspy(jobspy_lines)
    with pytest.raises(AssertionError, match="read whole"):  # its records are inside
        looks_like_jobspy(wrapped)


# --- the pure row parse -------------------------------------------------------------------


class NaT:
    """Stands in for pandas.NaT, whose str() is 'NaT'."""

    def __str__(self) -> str:
        return "NaT"


def test_dataframe_missing_values_are_treated_as_absent() -> None:
    nan = float("nan")
    row = {
        "id": nan,
        "site": "linkedin",
        "job_url": "https://www.linkedin.com/jobs/view/1",
        "job_url_direct": nan,
        "title": "Program Manager",
        "company": None,
        "location": "nan",
        "date_posted": NaT(),
        "job_type": None,
        "interval": nan,
        "min_amount": nan,
        "max_amount": nan,
        "currency": nan,
        "is_remote": nan,
        "job_level": "None",
        "description": nan,
    }
    [listing] = records_to_listings([row], source="jobspy-test")
    assert listing.external_id == listing.url == "https://www.linkedin.com/jobs/view/1"
    assert (listing.company, listing.location, listing.description) == ("", "", "")
    assert listing.salary is None and listing.salary_text is None
    assert listing.posted_at is None and listing.remote is None and listing.tags == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 18), datetime(2026, 11, 18, tzinfo=UTC)),
        (datetime(2026, 11, 18, 9, 30), datetime(2026, 11, 18, 9, 30, tzinfo=UTC)),
        ("2026-11-18", datetime(2026, 11, 18, tzinfo=UTC)),
        (1794960000000, datetime(2026, 11, 18, tzinfo=UTC)),
        (1794960000000.0, datetime(2026, 11, 18, tzinfo=UTC)),
    ],
)
def test_date_posted_forms(value: object, expected: datetime) -> None:
    row = {"id": "a", "job_url": "https://x.example/a", "title": "TPM", "date_posted": value}
    assert records_to_listings([row], source="s")[0].posted_at == expected


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "job_url": "u", "title": "  "}, "'title' is missing or empty"),
        ({"id": float("nan"), "title": "TPM"}, "both 'id' and 'job_url' are missing"),
        ({"id": "a", "title": "TPM", "date_posted": "last week"}, "'date_posted' is not a date"),
    ],
)
def test_bad_row_is_a_parse_error_saying_what(row: dict[str, Any], message: str) -> None:
    with pytest.raises(ParseError, match=message):
        records_to_listings([row], source="s")


@pytest.mark.parametrize(
    ("interval", "low", "high", "salary", "text"),
    [
        ("weekly", 900.0, 900.0, None, "GBP 900 weekly"),
        ("daily", 450.5, None, None, "GBP 450.5 daily"),
        ("monthly", 6000.0, 7500.0, Salary(6000.0, 7500.0, "GBP", "month"), None),
        (None, 50000.0, None, Salary(50000.0, None, "GBP", None), None),
    ],
)
def test_salary_periods(
    interval: str | None, low: float, high: float | None, salary: Salary | None, text: str | None
) -> None:
    row = {
        "id": "a",
        "job_url": "u",
        "title": "TPM",
        "interval": interval,
        "min_amount": low,
        "max_amount": high,
        "currency": "GBP",
    }
    [listing] = records_to_listings([row], source="s")
    assert (listing.salary, listing.salary_text) == (salary, text)


def test_naukri_work_mode_fills_in_for_a_missing_remote_flag() -> None:
    base = {"id": "nk-1", "job_url": "u", "title": "TPM", "is_remote": None}
    remote = records_to_listings([{**base, "work_from_home_type": "Remote"}], source="s")
    hybrid = records_to_listings([{**base, "work_from_home_type": "Hybrid"}], source="s")
    assert (remote[0].remote, hybrid[0].remote) == (True, False)


# --- config ------------------------------------------------------------------------------


def config(**extra: Any) -> JobSpyConfig:
    keys: dict[str, Any] = {
        "type": "jobspy",
        "name": "jobspy:india",
        "sites": ("naukri", "indeed"),
        "search_term": "technical project manager",
    }
    return JobSpyConfig(**(keys | extra))


def test_sites_are_lowercased_without_repeats() -> None:
    assert config(sites=("Naukri", "indeed", "naukri")).sites == ("naukri", "indeed")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"sites": ()}, "at least 1 item"),
        ({"sites": ("monster",)}, "unknown site 'monster'; known: linkedin, indeed"),
        ({"results_wanted": 0}, "greater than or equal to 1"),
        ({"results_wanted": 501}, "less than or equal to 500"),
        ({"proxies": ["1.2.3.4:80"]}, "Extra inputs are not permitted"),
    ],
)
def test_bad_config_is_rejected(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        config(**extra)


def test_every_config_key_has_help_text() -> None:
    own = set(JobSpyConfig.model_fields) - {"type", "name", "enabled", "company", "keywords"}
    own -= {"base_url", "max_pages", "min_interval"}
    assert own == {
        "sites",
        "search_term",
        "location",
        "results_wanted",
        "hours_old",
        "country_indeed",
    }
    assert all(JobSpyConfig.model_fields[key].description for key in own)


# --- fetch through an injected scrape function ---------------------------------------------


class FakeFrame:
    """Just enough of a pandas DataFrame: `to_dict(orient="records")` and `attrs`."""

    def __init__(self, rows: list[dict[str, Any]], errors: dict[str, str] | None = None) -> None:
        self.rows = rows
        self.attrs: dict[str, Any] = {"errors": errors} if errors else {}

    def to_dict(self, orient: str) -> list[dict[str, Any]]:
        assert orient == "records"
        return self.rows


def no_requests(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"the bridge must not use our HTTP client: {request.url}")


def run_fetch(source: JobSpySource) -> FetchResult:
    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(no_requests)) as http:
            return await source.fetch(http)

    return asyncio.run(go())


def test_fetch_passes_the_config_and_keeps_only_wanted_titles(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[dict[str, Any]] = []

    def scrape(**kwargs: Any) -> FakeFrame:
        calls.append(kwargs)
        return FakeFrame(json_records())

    source = JobSpySource(
        config(location="Bengaluru", hours_old=72, results_wanted=50), scrape=scrape
    )
    with caplog.at_level(logging.WARNING, logger="scraper.jobspy_bridge"):
        result = run_fetch(source)
    assert calls == [
        {
            "site_name": ["naukri", "indeed"],
            "search_term": "technical project manager",
            "location": "Bengaluru",
            "results_wanted": 50,
            "hours_old": 72,
        }
    ]
    # "Data Engineer" is not a TPM title; the empty-title row is skipped with a warning.
    assert [item.title for item in result.listings] == [
        "Technical Project Manager",
        "Technical Program Manager (Contract)",
        "Senior Technical Project Manager",
    ]
    assert {item.source for item in result.listings} == {"jobspy:india"}
    assert not result.complete and not JobSpySource.lists_whole_board
    assert "jobspy row 4" in caplog.text and "'title' is missing or empty" in caplog.text


def test_fetch_accepts_plain_rows_and_passes_country_when_set() -> None:
    calls: list[dict[str, Any]] = []

    def scrape(**kwargs: Any) -> list[dict[str, Any]]:
        calls.append(kwargs)
        return json_records()[:1]

    result = run_fetch(JobSpySource(config(country_indeed="india"), scrape=scrape))
    assert calls[0]["country_indeed"] == "india"
    assert calls[0]["location"] is None and calls[0]["hours_old"] is None
    assert calls[0]["results_wanted"] == 30
    assert [item.external_id for item in result.listings] == ["nk-071026501842"]


def test_jobspy_exception_becomes_a_one_line_source_error() -> None:
    def scrape(**kwargs: Any) -> Any:
        raise ValueError("Invalid country string: 'narnia'.\nValid countries are: ...")

    with pytest.raises(SourceError) as raised:
        run_fetch(JobSpySource(config(), scrape=scrape))
    assert str(raised.value) == (
        "jobspy:india: jobspy failed: ValueError: Invalid country string: 'narnia'."
    )
    assert isinstance(raised.value.__cause__, ValueError)


def test_every_site_failing_is_a_source_error_but_a_partial_failure_is_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    errors = {"indeed": "response status code 429 (blocked: use a proxy)"}
    with pytest.raises(SourceError, match="jobspy failed: indeed: response status code 429"):
        run_fetch(JobSpySource(config(), scrape=lambda **_: FakeFrame([], errors)))
    with caplog.at_level(logging.WARNING, logger="scraper.jobspy_bridge"):
        result = run_fetch(
            JobSpySource(config(), scrape=lambda **_: FakeFrame(json_records()[:1], errors))
        )
    assert len(result.listings) == 1
    assert "indeed: response status code 429" in caplog.text


def test_something_other_than_rows_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="jobspy returned str, not job rows"):
        run_fetch(JobSpySource(config(), scrape=lambda **_: "oops"))


def test_scrape_runs_in_a_thread_so_other_boards_keep_fetching() -> None:
    other_board_ran = threading.Event()

    def scrape(**kwargs: Any) -> list[dict[str, Any]]:
        # Blocks until a coroutine on the event loop runs: it could not if we blocked the loop.
        assert other_board_ran.wait(timeout=5)
        return []

    async def other_board() -> None:
        await asyncio.sleep(0)
        other_board_ran.set()

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(no_requests)) as http:
            result, _ = await asyncio.gather(
                JobSpySource(config(), scrape=scrape).fetch(http), other_board()
            )
        return result

    assert asyncio.run(go()).listings == []


@pytest.mark.skipif(
    importlib.util.find_spec("jobspy") is not None,
    reason="python-jobspy is installed here, so the not-installed message cannot be shown",
)
def test_without_jobspy_installed_the_error_says_how_to_install_it() -> None:
    with pytest.raises(SourceError) as raised:
        run_fetch(JobSpySource(config()))
    assert str(raised.value) == NOT_INSTALLED
    assert str(raised.value) == (
        "jobspy: python-jobspy is not installed; pip install 'jobmatch[jobspy]'"
    )
