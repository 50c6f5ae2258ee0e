"""`jobmatch mark ID --not-duplicate ID2`: two listings wrongly shown as one job are split,
as a user runs it, and the split survives the next night's regrouping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import jobmatch

pytestmark = pytest.mark.cli

DUTIES = (
    "You will lead delivery of our payments platform with twelve engineers across three "
    "squads: plan releases, own the roadmap, risks and dependencies, run sprint reviews, "
    "report to the VP Engineering and work with product managers every day. 7+ years of "
    "software delivery, PMP or CSM preferred, Jira and Confluence."
)
PROFILE = """[profile]
name = "Asha"
target_roles = ["Technical Project Manager"]
years_experience = 7
seniority = "senior"
locations = ["Bengaluru"]
"""


def copy(n: int, board: str) -> str:
    return json.dumps({
        "id": f"{board}-{n}", "source": f"greenhouse:{board}",
        "url": f"https://jobs.example/{board}/{n}", "title": "Technical Project Manager",
        "company": "Acme Payments", "location": "Bengaluru, India", "description": DUTIES,
    })  # fmt: skip


def night(folder: Path, *lines: str) -> list[dict[str, object]]:
    listings = folder / "jobs.jsonl"
    listings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = ["--db", f"sqlite:///{folder / 'jobs.db'}"]
    assert jobmatch(*db, "import", str(listings), cwd=folder).returncode == 0
    matched = jobmatch(*db, "match", "--profile", "me.toml", cwd=folder)
    assert matched.returncode == 0, matched.stderr
    shown = jobmatch(*db, "matches", "--profile", "me.toml", "--format", "json", cwd=folder)
    assert shown.returncode == 0, shown.stderr
    rows: list[dict[str, object]] = json.loads(shown.stdout)
    return rows


def test_a_wrong_group_is_split_for_good(tmp_path: Path) -> None:
    (tmp_path / "me.toml").write_text(PROFILE, encoding="utf-8")
    first = night(tmp_path, copy(1, "acme"), copy(2, "mirror"))
    assert len(first) == 1 and len(first[0]["also_on"]) == 1  # type: ignore[arg-type]
    ids = [str(first[0]["id"]), str(first[0]["group"])]
    other = next(i for i in ("1", "2") if i != ids[0])  # the copy behind "also on"

    db = ["--db", f"sqlite:///{tmp_path / 'jobs.db'}"]
    split = jobmatch(*db, "mark", ids[0], "--not-duplicate", other, cwd=tmp_path)
    assert split.returncode == 0, split.stderr
    assert f"{ids[0]} and {other}: different jobs" in split.stderr
    after = night(tmp_path)  # nothing new: the split holds
    assert sorted(str(r["id"]) for r in after) == ["1", "2"]

    # A third copy the next night joins one of them, never both.
    later = night(tmp_path, copy(1, "acme"), copy(2, "mirror"), copy(3, "third"))
    groups = {str(r["id"]): r["group"] for r in later}
    assert len(later) == 2 and "3" not in groups or groups.get("1") != groups.get("2")


def test_marking_needs_a_status_or_a_pair(tmp_path: Path) -> None:
    (tmp_path / "me.toml").write_text(PROFILE, encoding="utf-8")
    night(tmp_path, copy(1, "acme"))
    db = ["--db", f"sqlite:///{tmp_path / 'jobs.db'}"]
    bare = jobmatch(*db, "mark", "1", cwd=tmp_path)
    assert bare.returncode == 2
    assert "give a status" in bare.stderr and "--not-duplicate" in bare.stderr
    missing = jobmatch(*db, "mark", "1", "--not-duplicate", "99", cwd=tmp_path)
    assert missing.returncode == 2 and "no listing with id 99" in missing.stderr
    itself = jobmatch(*db, "mark", "1", "--not-duplicate", "1", cwd=tmp_path)
    assert itself.returncode == 2 and "different job from itself" in itself.stderr


AGENCY_DUTIES = (
    "Our client, a payments company, needs a Technical Project Manager to lead delivery of "
    "its payments platform with twelve engineers across three squads: you will plan "
    "releases, own the roadmap, risks and dependencies, run sprint reviews and report to "
    "the VP Engineering, working with product managers every day. You bring 7+ years of "
    "software delivery and Jira and Confluence; PMP or CSM preferred. Keystone Staffing "
    "places delivery leaders with product companies: apply and a recruiter will call you."
)


def test_an_agencys_copy_is_one_job_and_says_whose_it_is(tmp_path: Path) -> None:
    (tmp_path / "me.toml").write_text(PROFILE, encoding="utf-8")
    agency = json.loads(copy(2, "keystone"))
    agency.update(company="Keystone Staffing", description=AGENCY_DUTIES)
    rows = night(tmp_path, copy(1, "acme"), json.dumps(agency))
    assert len(rows) == 1, rows  # one job
    (also,) = rows[0]["also_on"]  # type: ignore[misc]
    employer_shown = rows[0]["company"] == "Acme Payments"
    assert also["agency_copy"] == employer_shown  # type: ignore[index]
    db = ["--db", f"sqlite:///{tmp_path / 'jobs.db'}"]
    plain = jobmatch(*db, "matches", "--profile", "me.toml", cwd=tmp_path).stdout
    note = (
        "(a staffing agency's copy: Keystone Staffing)"
        if employer_shown
        else "(the employer's own: Acme Payments)"
    )
    assert note in plain, plain
