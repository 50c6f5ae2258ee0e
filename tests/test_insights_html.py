"""The insights page: self-contained, escaped, no script, and as rendered by headless
Chromium (skipped where /usr/bin/chromium is absent, as the report's browser test is)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import tomlkit

from tests.test_insights import cli, make_store

CHROMIUM = Path("/usr/bin/chromium")

HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture store's insights page, for a profile whose name is hostile markup."""
    folder = tmp_path_factory.mktemp("insights-html")
    config = make_store(folder)
    profile = folder / "me.toml"
    document = tomlkit.parse(profile.read_text(encoding="utf-8"))
    document["profile"]["name"] = HOSTILE  # type: ignore[index]
    profile.write_text(tomlkit.dumps(document), encoding="utf-8")
    out = folder / "insights.html"
    cli(config, "insights", "--profile", str(profile), "--format", "html", "--out", str(out))
    return out


def dump_dom(page: Path, profile_dir: Path) -> str:
    """The page as headless Chromium leaves it (its DOM after load)."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile_dir}", "--virtual-time-budget=2000",
        "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_page_is_self_contained_escaped_and_runs_no_script(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert not re.search(r"<[^>]*\s(?:src|href)=", html)  # loads nothing, links nowhere
    assert "@import" not in html and "url(" not in html
    tags = set(re.findall(r"<([a-zA-Z][^\s/>]*)", html))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "div",
                    "main", "section", "h2", "p", "table", "thead", "tbody", "tr", "th", "td",
                    "svg", "line", "rect"}, tags  # fmt: skip


@pytest.mark.browser
def test_the_page_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install -y chromium)")
    dom = dump_dom(page, tmp_path / "chromium-profile")
    for key in ("pay", "openings", "demand", "levels", "trend"):
        assert f'<section id="{key}">' in dom
    # The charts are there: a range bar per pay group with numbers, a column chart per
    # role variant of the trend.
    html = page.read_text(encoding="utf-8")
    assert dom.count("<svg") == html.count("<svg") >= 3
    assert dom.count('class="range"') == html.count('class="range"') >= 2
    # Nothing injected ran: the title is ours, no element got the attribute, no image.
    assert "<title>Career insights for &lt;script&gt;" in dom
    assert 'data-pwned="' not in dom and "<img" not in dom


@pytest.mark.browser
def test_the_policy_blocks_markup_that_slipped_past_escaping(page: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install -y chromium)")
    slipped = page.read_text(encoding="utf-8").replace("<main>", f"<main>{HOSTILE}")
    path = tmp_path / "slipped.html"
    path.write_text(slipped, encoding="utf-8")
    dom = dump_dom(path, tmp_path / "chromium-profile")
    assert "<title>Career insights for &lt;script&gt;" in dom  # the script did not run
    assert 'data-pwned="' not in dom  # nor the handler
