"""The board registry: its CSV format, loading, search, the builder over made-up samples of
each upstream registry's format (tests/fixtures/registries/), and the download-and-build."""

from __future__ import annotations

import importlib.util
import random
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from jobmatch.boards import registry as board_registry
from jobmatch.boards import update as registry_update
from jobmatch.boards.build import (
    ATS_SCRAPERS,
    ATS_SCRAPERS_TYPES,
    FREEHIRE,
    FREEHIRE_TYPES,
    JOBSEEK,
    ZOHO_INDIA_EVIDENCE,
    BuildResult,
    RegistryBuildError,
    Upstream,
    build,
    parse_simple_yaml,
)
from jobmatch.boards.registry import (
    COLUMNS,
    SOURCE_TYPES,
    BoardEntry,
    BoardIndex,
    RegistryError,
    format_registry,
    load_registry,
    parse_registry,
    search,
)
from jobmatch.boards.update import (
    DEFAULT_URLS,
    NOTICES,
    PinnedRegistry,
    RegistryUpdateError,
    RegistryUrls,
    http_getter,
    local_upstream,
    update_registry,
)

FIXTURES = Path(__file__).parent / "fixtures" / "registries"
ROOT = Path(__file__).parent.parent
HEADER = ",".join(COLUMNS) + "\n"


def fixture_build(evidence: bool = False) -> BuildResult:
    upstreams = [
        local_upstream(JOBSEEK, FIXTURES / "jobseek", commit="1" * 40),
        local_upstream(FREEHIRE, FIXTURES / "freehire"),
        local_upstream(ATS_SCRAPERS, FIXTURES / "ats-scrapers"),
    ]
    path = FIXTURES / "india_evidence.csv"
    return build(upstreams, [(str(path), path.read_text())] if evidence else [])


def board(result: BuildResult, type_: str, token: str) -> BoardEntry:
    found = [e for e in result.entries if e.type == type_ and e.token == token]
    assert len(found) == 1, (type_, token, found)
    return found[0]


# The builder -------------------------------------------------------------------------------


def test_builder_maps_each_upstream_format_to_our_types() -> None:
    result = fixture_build()
    assert board(result, "workday", "acme") == BoardEntry(
        "Acme Analytics", "workday", "acme", "wd3", "Acme_Careers", registry=JOBSEEK
    )  # the locale in the URL is not the site; the name comes from companies.csv
    assert board(result, "lever", "bluefin").instance == "eu"  # jobs.eu.lever.co
    assert board(result, "oracle", "abcd.fa.em2.oraclecloud.com").site == "CX_1"
    feed = "https://careers.dosa.example/googlefeed.xml"  # rss preset successfactors
    assert board(result, "successfactors", feed).company == "Dosa Devices"
    assert board(result, "teamtailor", "emberenergy").registry == JOBSEEK  # from the feed URL
    assert board(result, "personio", "iris-insights").instance == "com"
    assert board(result, "personio", "iris-insights").company == "Iris Insights, Inc."
    # freehire: hosts, "<host>/<site>", a region key, quoted names, a hub with a tenants map
    assert board(result, "workday", "nimbus").site == "External"
    assert board(result, "oracle", "efgh.fa.us2.oraclecloud.com").site == "CX_1001"
    assert board(result, "lever", "riverrobotics").instance == "eu"
    assert board(result, "lever", "sablestudios").instance == ""
    assert board(result, "greenhouse", "mangomedia").company == "Mango Media"
    assert board(result, "zoho", "pine").instance == "eu"
    assert board(result, "teamtailor", "umbra").company == "Umbra Utilities"
    hub = "https://jobs.teakgroup.example/googlefeed.xml"
    assert board(result, "successfactors", hub).company == "Teak Group"
    # ats-scrapers: the URL carries the Workday instance the slug lacks; legacy name,url files
    assert board(result, "workday", "zenith").instance == "wd1"
    assert board(result, "oracle", "ijkl.fa.ap1.oraclecloud.com").site == "CX_2"
    assert board(result, "personio", "cedarcrafts").registry == ATS_SCRAPERS


def test_zoho_boards_on_the_indian_data_centre_are_marked_as_hiring_in_india() -> None:
    orchid = board(fixture_build(), "zoho", "orchid")
    assert (orchid.instance, orchid.hires_in_india, orchid.evidence) == (
        "in",
        "yes",
        ZOHO_INDIA_EVIDENCE,
    )


def test_unsupported_providers_are_dropped_and_counted_per_provider() -> None:
    result = fixture_build()
    assert result.dropped[(JOBSEEK, "unsupported provider 'dom'")] == 1
    assert result.dropped[(JOBSEEK, "unsupported provider 'darwinbox'")] == 1
    assert result.dropped[(FREEHIRE, "unsupported provider 'icims'")] == 2
    assert result.dropped[(ATS_SCRAPERS, "unsupported provider 'darwinbox'")] == 2
    assert not {e.company for e in result.entries} & {"Gamma Games", "Xenon Xpress", "Hazel Hotels"}


def test_boards_we_cannot_read_are_dropped_with_the_reason_never_mistyped() -> None:
    result = fixture_build()
    reasons = {reason for (_, reason) in result.dropped}
    assert "workday: a myworkdaysite.com board (no tenant host)" in reasons
    assert "zohorecruit: Zoho data centre .com.au (we read com, in, eu)" in reasons
    assert "teamtailor: a regional Teamtailor host (e.g. .na.)" in reasons
    assert "workday: a Workday URL without a site" in reasons
    assert "ashby: monitor_config is not JSON" in reasons
    # an EU Greenhouse board is not retried as its slug on the US API
    assert "greenhouse: a Greenhouse EU board (our source reads the US API only)" in reasons
    assert not any(e.token == "zestzone" for e in result.entries)
    # a custom-domain board without a token in the config cannot be used
    assert not any(
        e.company in ("Fjord Freight", "Jade Jobs", "Vega Ventures") for e in result.entries
    )


def test_duplicates_across_registries_keep_the_earlier_registry() -> None:
    result = fixture_build()
    assert board(result, "greenhouse", "acmeanalytics").registry == JOBSEEK  # also in freehire
    assert board(result, "greenhouse", "lotuslogistics").registry == FREEHIRE  # and ats-scrapers
    # Workday sites differ only in case; a Personio slug is one board on .de and .com
    assert board(result, "workday", "acme").site == "Acme_Careers"
    assert board(result, "personio", "iris-insights").registry == JOBSEEK
    assert result.dropped[(FREEHIRE, "duplicate of a board listed earlier")] == 1
    assert result.dropped[(ATS_SCRAPERS, "duplicate of a board listed earlier")] == 3
    assert len({e.key() for e in result.entries}) == len(result.entries)


def test_the_output_is_valid_sorted_and_reproducible() -> None:
    first, second = fixture_build(), fixture_build()
    assert first.csv_text() == second.csv_text()
    assert first.csv_text().startswith(HEADER)
    entries = parse_registry(first.csv_text(), "built")
    assert entries == first.entries
    assert [e.company.casefold() for e in entries] == sorted(e.company.casefold() for e in entries)
    lines = first.report_lines()
    assert lines[0] == f"kept {len(first.entries)} boards"
    assert "  workday: 3" in lines
    assert "  freehire: unsupported provider 'icims': 2" in lines


def test_india_evidence_files_set_hires_in_india_after_merging() -> None:
    result = fixture_build(evidence=True)
    acme = board(result, "greenhouse", "acmeanalytics")
    assert (acme.hires_in_india, acme.evidence, acme.hq_country) == ("yes", "listings", "US")
    assert board(result, "workday", "nimbus").hires_in_india == "no"  # site matched in any case
    assert (result.evidence_matched, result.evidence_unmatched) == (2, 1)


def test_notices_name_each_registry_with_its_commit_and_full_licence(tmp_path: Path) -> None:
    result = fixture_build()
    registry_update.write_registry(tmp_path / "boards.csv", result)
    text = (tmp_path / NOTICES).read_text()
    for name in (JOBSEEK, FREEHIRE, ATS_SCRAPERS):
        assert f"## {name}\n" in text
        licence = (FIXTURES / name / "LICENSE").read_text().strip()
        assert licence in text
    assert "https://github.com/colophon-group/jobseek" in text
    assert "- Commit: `" + "1" * 40 + "`" in text
    assert text.count("- Commit:") == 1  # freehire and ats-scrapers were given none
    assert (tmp_path / "boards.csv").read_text() == result.csv_text()


def test_an_upstream_without_an_mit_licence_is_refused() -> None:
    upstream = local_upstream(FREEHIRE, FIXTURES / "freehire")
    other = Upstream(FREEHIRE, upstream.url, upstream.files, "All rights reserved.")
    with pytest.raises(RegistryBuildError, match="not the MIT licence"):
        build([other])


def test_the_build_tool_is_a_thin_wrapper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _load_tool()
    out = tmp_path / "out" / "boards.csv"
    code = tool.main(
        [
            "--jobseek",
            str(FIXTURES / "jobseek" / "apps" / "crawler" / "data" / "boards.csv"),
            "--freehire",
            str(FIXTURES / "freehire" / "sources"),
            "--ats-scrapers",
            str(FIXTURES / "ats-scrapers"),
            "--india-evidence",
            str(FIXTURES / "india_evidence.csv"),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_text() == fixture_build(evidence=True).csv_text()
    assert (out.parent / NOTICES).is_file()
    printed = capsys.readouterr().out
    assert "  jobseek: unsupported provider 'dom': 1" in printed
    assert tool.main(["--out", str(out)]) == 2
    assert "give at least one of" in capsys.readouterr().err


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_registry", ROOT / "tools" / "build_registry.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# freehire's YAML, read without PyYAML ------------------------------------------------------


def test_the_yaml_reader_takes_the_shapes_freehire_writes() -> None:
    text = (
        "# comment\n---\n"
        '- company: "Macy\'s"\n  board: "204951305985924"   # quoted digits stay text\n\n'
        "- company: 'Attn: Labs '\n  board: 'it''s'\n"
        "- company: Hub Co\n  board: hub.example\n  hub: true\n  tenants:\n"
        '    KEY_ONE: One\n    "Key Two": Two\n'
        "-\n  company: Late Keys\n  provider: lever\n  board: late\n"
    )
    assert parse_simple_yaml(text) == [
        {"company": "Macy's", "board": "204951305985924"},
        {"company": "Attn: Labs ", "board": "it's"},
        {"company": "Hub Co", "board": "hub.example", "hub": "true", "tenants": ""},
        {"company": "Late Keys", "provider": "lever", "board": "late"},
    ]
    assert parse_simple_yaml("") == [] == parse_simple_yaml("[]\n")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("company: Acme\n", 1),
        ("- company: Acme\n board: acme\n", 2),
        ("- company: [Acme]\n", 1),
        ('- company: "Acme\n', 1),
        ("- company: Acme\n  - board\n", 2),
        ("- company: |\n    Acme\n", 1),
    ],
)
def test_the_yaml_reader_refuses_what_it_would_misread(text: str, line: int) -> None:
    with pytest.raises(ValueError, match=rf"^{line}: "):
        parse_simple_yaml(text)


def test_a_broken_freehire_file_is_one_error_naming_it() -> None:
    upstream = local_upstream(FREEHIRE, FIXTURES / "freehire")
    broken = {**upstream.files, "lever.yml": "- company: [x]\n"}
    with pytest.raises(RegistryBuildError, match=r"^freehire: lever\.yml:1: "):
        build([Upstream(FREEHIRE, upstream.url, broken, upstream.license_text)])


# The format and loading --------------------------------------------------------------------


def test_the_shipped_registry_has_the_header_and_loads() -> None:
    shipped = resources.files("jobmatch") / "data" / "boards.csv"
    assert shipped.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    assert parse_registry(shipped.read_text(encoding="utf-8"), "shipped") is not None


def test_load_reads_the_shipped_then_the_users_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "boards.csv"
    monkeypatch.setattr(board_registry, "user_registry_path", lambda: user)
    before = load_registry()
    user.write_text(HEADER + "Acme Analytics,greenhouse,acmeanalytics,,,,,,freehire\n")
    after = load_registry()
    assert after[len(before) :] == [
        BoardEntry("Acme Analytics", "greenhouse", "acmeanalytics", registry="freehire")
    ]


def test_load_dedupes_with_the_earlier_file_winning(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + "Acme,greenhouse,Acme,,,IN,yes,curated,jobmatch\n")
    second.write_text(
        HEADER
        + "Acme Inc,greenhouse,acme,,,,,,freehire\n"
        + "Acme,workday,acme,wd3,Careers,,,,freehire\n"
        + "Acme,workday,acme,wd3,careers,,,,ats-scrapers\n"
    )
    entries = load_registry([first, second])
    assert [(e.type, e.registry) for e in entries] == [
        ("greenhouse", "jobmatch"),
        ("workday", "freehire"),
    ]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("Acme,bamboo,acme,,,,,,", "unknown type 'bamboo'"),
        ("Acme,greenhouse,,,,,,,", "token is empty"),
        ("Acme,greenhouse,ac me,,,,,,", "greenhouse token must be letters"),
        ("Acme,workday,acme,,Careers,,,,", "workday needs an instance like wd3"),
        ("Acme,workday,acme,wd3,,,,,", "workday needs a site"),
        ("Acme,oracle,not a host,,CX_1,,,,", "oracle token must be a host name"),
        ("Acme,successfactors,jobs.acme.example,,,,,,", "successfactors token must be an https"),
        ("Acme,zoho,acme,,,,,,", "zoho needs an instance"),
        ("Acme,zoho,acme,au,,,,,", "zoho instance must be one of com, in, eu"),
        ("Acme,lever,acme,us,,,,,", "lever instance must be one of eu"),
        ("Acme,greenhouse,acme,wd3,,,,,", "instance is not used by greenhouse"),
        ("Acme,greenhouse,acme,,Careers,,,,", "site is only for workday and oracle"),
        ("Acme,greenhouse,acme,,,India,,,", "hq_country must be an ISO 3166-1 alpha-2"),
        ("Acme,greenhouse,acme,,,,maybe,,", "hires_in_india must be yes, no or empty"),
        ("Acme,greenhouse,acme,,,,,listings,", "evidence is given but hires_in_india is empty"),
        (",greenhouse,acme,,,,,,", "company is empty"),
        ("Acme,greenhouse,acme", "expected 9 fields, got 3"),
    ],
)
def test_a_malformed_row_is_one_line_naming_file_and_line(
    tmp_path: Path, row: str, why: str
) -> None:
    path = tmp_path / "boards.csv"
    path.write_text(HEADER + "Fine,greenhouse,fine,,,,,,\n" + row + "\n")
    with pytest.raises(RegistryError) as caught:
        load_registry([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:3: {why}")
    assert "\n" not in message


def test_a_wrong_header_or_missing_file_is_a_registry_error(tmp_path: Path) -> None:
    path = tmp_path / "boards.csv"
    path.write_text("company,type,token\n")
    with pytest.raises(RegistryError, match=r":1: expected the header company,type,token,instance"):
        load_registry([path])
    with pytest.raises(RegistryError, match="file not found"):
        load_registry([tmp_path / "missing.csv"])


def test_format_and_parse_round_trip() -> None:
    entries = [
        BoardEntry(
            'Acme "Analytics", Inc.', "greenhouse", "acme", hires_in_india="no", evidence="curated"
        ),
        BoardEntry("Birch", "oracle", "ijkl.fa.ap1.oraclecloud.com", site="CX_2", hq_country="IN"),
    ]
    assert parse_registry(format_registry(entries), "mem") == entries


# source_config -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "config"),
    [
        (
            BoardEntry("Stripe", "greenhouse", "stripe"),
            {
                "type": "greenhouse",
                "name": "greenhouse:stripe",
                "company": "Stripe",
                "board": "stripe",
            },
        ),
        (
            BoardEntry("Bluefin", "lever", "bluefin", "eu"),
            {
                "type": "lever",
                "name": "lever:bluefin",
                "company": "Bluefin",
                "board": "bluefin",
                "region": "eu",
            },
        ),
        (
            BoardEntry("Iris", "personio", "iris", "com"),
            {
                "type": "personio",
                "name": "personio:iris",
                "company": "Iris",
                "board": "iris",
                "domain": "com",
            },
        ),
        (
            BoardEntry("Orchid", "zoho", "orchid", "in"),
            {
                "type": "zoho",
                "name": "zoho:orchid",
                "company": "Orchid",
                "board": "orchid",
                "datacenter": "in",
            },
        ),
        (
            BoardEntry("Acme", "workday", "acme", "wd3", "Acme_Careers"),
            {
                "type": "workday",
                "name": "workday:acme/Acme_Careers",
                "company": "Acme",
                "tenant": "acme",
                "instance": "wd3",
                "site": "Acme_Careers",
            },
        ),
        (
            BoardEntry("Tata Capital", "oracle", "eofh.fa.em2.oraclecloud.com", site="CX_1"),
            {
                "type": "oracle",
                "name": "oracle:eofh/CX_1",
                "company": "Tata Capital",
                "host": "eofh.fa.em2.oraclecloud.com",
                "site": "CX_1",
            },
        ),
        (
            BoardEntry("Tundra", "successfactors", "https://jobs.tundra.example/googlefeed.xml"),
            {
                "type": "successfactors",
                "name": "successfactors:jobs.tundra.example",
                "company": "Tundra",
                "feed_url": "https://jobs.tundra.example/googlefeed.xml",
            },
        ),
    ],
)
def test_source_config_per_type(entry: BoardEntry, config: dict[str, object]) -> None:
    assert entry.source_config() == config


def test_every_board_keyed_type_gives_a_board_key() -> None:
    for type_ in SOURCE_TYPES - {"workday", "oracle", "successfactors", "zoho"}:
        config = BoardEntry("Acme", type_, "acme").source_config()
        assert config["board"] == "acme" and config["name"] == f"{type_}:acme"


# Search ------------------------------------------------------------------------------------

ENTRIES = [
    BoardEntry("Beta Acme Labs", "lever", "betaacme"),
    BoardEntry("Acmes Corp", "ashby", "acmescorp"),
    BoardEntry("Macme", "greenhouse", "macme"),
    BoardEntry(
        "Acme Analytics", "greenhouse", "acmeanalytics", hires_in_india="yes", evidence="listings"
    ),
    BoardEntry("Acme", "lever", "acme-hq"),
    BoardEntry("Acme Analytics", "workday", "acme", "wd3", "Careers"),
    BoardEntry("Zeta Zoo", "greenhouse", "acmezoo"),
    BoardEntry("Unrelated", "greenhouse", "unrelated"),
]


def names(results: list[tuple[BoardEntry, float]]) -> list[tuple[str, str]]:
    return [(entry.company, entry.type) for entry, _ in results]


def test_an_exact_name_ranks_first_then_prefixes_then_word_starts() -> None:
    results = search(ENTRIES, "ACME")
    assert names(results)[:6] == [
        ("Acme", "lever"),
        ("Acme Analytics", "workday"),  # its token is exactly "acme"
        ("Acme Analytics", "greenhouse"),
        ("Acmes Corp", "ashby"),
        ("Beta Acme Labs", "lever"),
        ("Zeta Zoo", "greenhouse"),  # only its token starts with "acme"
    ]
    assert [score for _, score in results[:2]] == [100.0, 100.0]
    assert results[2][1] < 100.0
    assert ("Unrelated", "greenhouse") not in names(results)


def test_the_token_matches_too_and_an_exact_token_ranks_first() -> None:
    assert names(search(ENTRIES, "acmezoo"))[0] == ("Zeta Zoo", "greenhouse")
    assert names(search(ENTRIES, "acme analytics"))[:2] == [
        ("Acme Analytics", "greenhouse"),
        ("Acme Analytics", "workday"),
    ]


def test_type_and_india_filters() -> None:
    assert {e.type for e, _ in search(ENTRIES, "acme", type="greenhouse")} == {"greenhouse"}
    assert names(search(ENTRIES, "acme", india=True)) == [("Acme Analytics", "greenhouse")]
    assert search(ENTRIES, "acme", type="keka") == []


def test_search_is_deterministic_and_limited() -> None:
    shuffled = ENTRIES[:]
    random.Random(7).shuffle(shuffled)
    assert search(shuffled, "acme") == search(ENTRIES, "acme")
    assert len(search(ENTRIES, "acme", limit=2)) == 2
    assert search(ENTRIES, "   ") == [] == search(ENTRIES, "acme", limit=0)


def test_search_is_fast_on_twenty_thousand_boards() -> None:
    rnd = random.Random(1)
    words = ["acme", "data", "cloud", "labs", "health", "robotics", "india", "capital", "media"]
    entries = [
        BoardEntry(" ".join(rnd.sample(words, 3)).title() + f" {i}", "greenhouse", f"t{i}")
        for i in range(20_000)
    ]
    start = time.perf_counter()
    index = BoardIndex(entries)
    for query in ("acme", "cloud data", "robotics india", "zzz"):
        assert search(index, query, limit=5) is not None
    assert time.perf_counter() - start < 5.0  # about 0.3 s here; generous for slow machines


# Download and build ------------------------------------------------------------------------

COMMIT = "c0ffee" + "0" * 34


def fixture_urls() -> RegistryUrls:
    def pinned(name: str, folder: str, files: tuple[str, ...]) -> PinnedRegistry:
        paths = tuple(f"{folder}/{f}" for f in files)
        return PinnedRegistry(name, f"example/{name}", COMMIT, paths)

    return RegistryUrls(
        jobseek=pinned(JOBSEEK, "apps/crawler/data", ("boards.csv", "companies.csv")),
        freehire=pinned(FREEHIRE, "sources", ("greenhouse.yml", "workday.yml", "zohorecruit.yml")),
        ats_scrapers=pinned(ATS_SCRAPERS, "ats-companies", ("greenhouse.csv", "workday.csv")),
    )


def serve(missing: str = "") -> Callable[[httpx.Request], httpx.Response]:
    """raw.githubusercontent.com over the fixtures: /example/<registry>/<commit>/<path>."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "raw.githubusercontent.com"
        _, owner, name, commit, path = request.url.path.split("/", 4)
        assert (owner, commit) == ("example", COMMIT)
        file = FIXTURES / name / path
        if path == missing or not file.is_file():
            return httpx.Response(404, text="404: Not Found")
        return httpx.Response(200, content=file.read_bytes())

    return handler


def test_update_downloads_builds_and_writes_the_registry_and_notices(tmp_path: Path) -> None:
    with httpx.Client(transport=httpx.MockTransport(serve())) as client:
        summary = update_registry(tmp_path / "data", fixture_urls(), http_getter(client))
    written = tmp_path / "data" / "boards.csv"
    assert summary.path == written
    entries = load_registry([written])
    assert summary.boards == len(entries) > 0
    assert {e.registry for e in entries} == {JOBSEEK, FREEHIRE, ATS_SCRAPERS}
    assert summary.kept_by_type["zoho"] == 2
    assert summary.commits == {JOBSEEK: COMMIT, FREEHIRE: COMMIT, ATS_SCRAPERS: COMMIT}
    notices = (tmp_path / "data" / NOTICES).read_text()
    assert "https://github.com/example/freehire" in notices and COMMIT in notices
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_unreachable_url_names_it_and_keeps_the_previous_registry(tmp_path: Path) -> None:
    old = HEADER + "Acme,greenhouse,acme,,,,,,jobmatch\n"
    (tmp_path / "boards.csv").write_text(old)
    (tmp_path / NOTICES).write_text("old notices")
    transport = httpx.MockTransport(serve(missing="sources/workday.yml"))
    with httpx.Client(transport=transport) as client, pytest.raises(RegistryUpdateError) as caught:
        update_registry(tmp_path, fixture_urls(), http_getter(client))
    url = f"https://raw.githubusercontent.com/example/freehire/{COMMIT}/sources/workday.yml"
    assert str(caught.value) == f"cannot download {url}: HTTP 404"
    assert (tmp_path / "boards.csv").read_text() == old
    assert (tmp_path / NOTICES).read_text() == "old notices"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["THIRD_PARTY_NOTICES.md", "boards.csv"]


def test_a_connection_failure_is_a_registry_update_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    expected = r"^cannot download https://x\.example/a: ConnectError$"
    transport = httpx.MockTransport(refuse)
    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(RegistryUpdateError, match=expected),
    ):
        http_getter(client)("https://x.example/a")


def test_the_pinned_urls_are_raw_files_at_full_commits_of_mapped_providers() -> None:
    for pinned in DEFAULT_URLS.all():
        assert len(pinned.commit) == 40 and int(pinned.commit, 16) >= 0
        for path in (*pinned.files, pinned.license):
            assert pinned.raw_url(path).startswith(
                f"https://raw.githubusercontent.com/{pinned.repo}/{pinned.commit}/"
            )
    stems = {p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in DEFAULT_URLS.freehire.files}
    assert stems <= set(FREEHIRE_TYPES)
    stems = {p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in DEFAULT_URLS.ats_scrapers.files}
    assert stems <= set(ATS_SCRAPERS_TYPES)
    assert DEFAULT_URLS.jobseek.files == (
        "apps/crawler/data/boards.csv",
        "apps/crawler/data/companies.csv",
    )


def test_the_cli_text_reports_counts_commits_and_where_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = registry_update.update_registry
    with httpx.Client(transport=httpx.MockTransport(serve())) as client:

        def offline(dest_dir: Path | None = None) -> registry_update.UpdateSummary:
            return real(dest_dir, fixture_urls(), http_getter(client))

        monkeypatch.setattr(registry_update, "update_registry", offline)
        text = registry_update.update_registry_cli(tmp_path)
    assert text.splitlines()[0].startswith("kept ")
    assert f"jobseek {COMMIT[:12]}" in text
    assert text.endswith(f"wrote {tmp_path / 'boards.csv'} and {NOTICES} beside it")


def test_an_unknown_registry_is_refused() -> None:
    with pytest.raises(RegistryBuildError, match="unknown registry 'other'"):
        build([Upstream("other", "https://example.org", {}, "MIT")])
