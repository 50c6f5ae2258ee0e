"""`profile init --from-cv`: a reviewable draft that `profile check` accepts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.test_cli import jobmatch

pytestmark = pytest.mark.cli

CV = """\
# Meera Iyer
Technical Program Manager · Cloud Platforms
Hyderabad, India | meera@example.org

Summary
11 years of experience leading platform and data programmes. PMP, SAFe Agilist.
Tools: Jira, Confluence, Smartsheet; comfortable with AWS and Kubernetes.
Ran Scrum and Kanban teams; owned budgets and vendor management.

Education
M.Tech Computer Science, IIIT Hyderabad
"""


def test_draft_from_a_markdown_cv_is_a_valid_profile(tmp_path: Path) -> None:
    (tmp_path / "cv.md").write_text(CV, encoding="utf-8")
    result = jobmatch("profile", "init", "--from-cv", "cv.md", "-o", "me.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    profile = tomllib.loads((tmp_path / "me.toml").read_text(encoding="utf-8"))["profile"]
    assert profile["name"] == "Meera Iyer"
    assert profile["target_roles"] == ["Technical Program Manager"]
    assert profile["years_experience"] == 11
    assert profile["seniority"] == "lead"
    assert set(profile["certifications"]) == {"PMP", "SAFe"}
    assert {"Jira", "Confluence", "AWS"} <= set(profile["skills"])
    assert {"Scrum", "Kanban"} <= set(profile["methodologies"])
    assert profile["locations"] == ["Hyderabad"]
    assert profile["degrees"] == ["M.Tech Computer Science, IIIT Hyderabad"]
    checked = jobmatch("profile", "check", "me.toml", cwd=tmp_path)
    assert checked.returncode == 0 and "me.toml: ok — Meera Iyer" in checked.stderr
    again = jobmatch("profile", "init", "--from-cv", "cv.md", "-o", "me.toml", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_missing_cv_and_bad_profile_are_one_line_errors(tmp_path: Path) -> None:
    missing = jobmatch("profile", "init", "--from-cv", "nope.md", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "error: nope.md: file not found"
    (tmp_path / "bad.toml").write_text("[profile]\nname = 'x'\n", encoding="utf-8")
    bad = jobmatch("profile", "check", "bad.toml", cwd=tmp_path)
    assert bad.returncode == 2
    assert "bad.toml: profile.target_roles: Field required" in bad.stderr


def test_pdf_cv_is_read_and_a_corrupt_one_is_a_one_line_error(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with (tmp_path / "cv.pdf").open("wb") as handle:
        writer.write(handle)
    result = jobmatch("profile", "init", "--from-cv", "cv.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tomllib.loads(result.stdout)["profile"]["target_roles"] == ["Technical Project Manager"]
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    broken = jobmatch("profile", "init", "--from-cv", "broken.pdf", cwd=tmp_path)
    assert broken.returncode == 2
    assert broken.stderr.startswith("error: broken.pdf: cannot read PDF")
    assert len(broken.stderr.strip().splitlines()) == 1
