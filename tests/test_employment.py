"""Employment terms: a contract, an internship or a permanent job read from the title, the
board's field and the text; a profile's preference holds other terms back with the reason,
and a contract's rate says it is one."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import ValidationError

from matcher.extract import extract_facts
from matcher.profile import Profile
from matcher.score import CONTRACT_STRETCH, PART_TIME_STRETCH, score_listing
from tests.test_cli import jobmatch
from tests.test_score import CONTEXT, FIT, NOW
from tests.test_score import PROFILE as SCORED


@pytest.mark.parametrize(
    ("title", "board", "text", "expected"),
    [
        ("Technical Project Manager (Contract)", None, "Lead delivery.", "contract"),
        ("Technical Project Manager", "CONTRACTOR", "Lead delivery.", "contract"),
        ("Technical Project Manager", None, "This is a 6-month contract, W2 only.", "contract"),
        ("Scrum Master - C2H", None, "Lead ceremonies.", "contract"),
        ("Technical Project Manager", None, "A permanent role on our payroll.", "permanent"),
        ("Project Management Intern", None, "Summer 2027.", "internship"),
        ("Technical Project Manager", "Full-time", "Lead delivery.", None),
        # Part-time is said of the job, in hours or words; before a contract's term.
        ("Scrum Master - Part-time (20 h/week)", None, "Lead ceremonies.", "part_time"),
        ("Freelance TPM", None, "6 months, 20 hours per week, outside IR35.", "part_time"),
        ("Scrum Master", "part-time", "Lead ceremonies.", "part_time"),
        ("Scrum Master", "Full-time, Part-time", "Lead ceremonies.", None),
        ("Agiler Projektmanager (m/w/d)", None, "Teilzeit mit 25 Stunden pro Woche.", "part_time"),
        ("Scrum Master", None, "Full-time. We work 37.5 hours per week.", None),
        ("Scrum Master", None, "Staff working at least 20 hours a week get benefits.", None),
        ("Scrum Master", None, "Teilzeit ist ab 32 Stunden möglich.", None),
        # "contractual" is the job's terms only as such, not the milestones a job manages
        ("Project Manager", None, "Job Type: Contractual / Temporary\nPay: 40k", "contract"),
        ("Project Manager", None, "Consultants on a contractual basis for the PMU.", "contract"),
        ("Project Manager", None, "Track vendors against contractual milestones.", None),
        ("Scrum Master", None, "Keep a register of contractual arrangements with vendors.", None),
        # Poland's employment contract (umowa o pracę) is a permanent job
        ("Scrum Master", None, "12 000 - 15 000 PLN gross/month (UoP).", "permanent"),
        # Chinese: an agency's dispatched post, a fixed-term hire
        ("【派遣】Scrum Master", None, "工作內容：敏捷開發。", "contract"),
        ("Scrum Master", None, "工作性質：全職（約聘一年）", "contract"),
        # a bank's fixed-term deposits are its product, not the hire's terms
        (
            "Scrum Master",
            None,
            "Our squad builds fixed-term deposits. A permanent role.",
            "permanent",
        ),
        ("Scrum Master", None, "A 12-month fixed term contract.", "contract"),
    ],
)
def test_the_terms_are_read(title: str, board: str | None, text: str, expected: str | None) -> None:
    facts = extract_facts(title=title, description=text, employment_type=board)
    assert facts.employment == expected


def test_the_preference_is_checked() -> None:
    ok = Profile(name="a", target_roles=["TPM"], employment=["Permanent"])  # type: ignore[list-item]
    assert ok.employment == ("permanent",)
    either = Profile(name="a", target_roles=["TPM"], employment=["Part-time", "part time"])  # type: ignore[list-item]
    assert either.employment == ("part_time", "part_time")
    with pytest.raises(ValidationError):
        Profile(name="a", target_roles=["TPM"], employment=["gig"])  # type: ignore[list-item]


PROFILE = """[profile]
name = "Asha"
target_roles = ["Technical Project Manager"]
years_experience = 7
seniority = "senior"
locations = ["Austin"]
min_salary = { amount = 120000, currency = "USD", period = "year" }
employment = ["permanent"]
"""


def test_a_contract_is_held_back_and_its_rate_says_so(tmp_path: Path) -> None:
    (tmp_path / "me.toml").write_text(PROFILE, encoding="utf-8")
    duties = "Lead software delivery for our payments platform with three squads. 7+ years."
    jobs = [
        {"id": "perm", "source": "manual", "url": "https://jobs.example/1",
         "title": "Senior Technical Project Manager", "company": "Acme",
         "location": "Austin, TX, USA", "description": f"{duties} Salary $130,000 - $150,000."},
        {"id": "contract", "source": "manual", "url": "https://jobs.example/2",
         "title": "Senior Technical Project Manager (Contract)", "company": "Beta",
         "location": "Austin, TX, USA", "description": f"{duties} 6-month contract, $85/hr on W2."},
    ]  # fmt: skip
    listings = tmp_path / "jobs.jsonl"
    listings.write_text("\n".join(json.dumps(j) for j in jobs) + "\n", encoding="utf-8")
    db = ["--db", f"sqlite:///{tmp_path / 'jobs.db'}"]
    assert jobmatch(*db, "import", str(listings), cwd=tmp_path).returncode == 0
    assert jobmatch(*db, "match", "--profile", "me.toml", cwd=tmp_path).returncode == 0
    shown = jobmatch(*db, "matches", "--profile", "me.toml", "--format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    rows = {r["title"]: r for r in json.loads(shown.stdout)}
    contract = rows["Senior Technical Project Manager (Contract)"]
    permanent = rows["Senior Technical Project Manager"]
    assert "capped at 80: contract role, you want permanent" in contract["reasons"]
    assert any("(contract, hourly rate × 2080)" in r for r in contract["reasons"])
    assert contract["score"] <= 80 < permanent["score"]


def test_a_contract_is_a_small_stretch_unless_the_profile_takes_contracts() -> None:
    def scored(employment: str | None, profile: Profile) -> tuple[float, tuple[str, ...]]:
        facts = replace(FIT, employment=employment)
        match = score_listing(facts, profile, title="TPM", text="", posted_at=NOW, context=CONTEXT)
        return match.score, match.reasons

    silent, _ = scored(None, SCORED)
    contract, reasons = scored("contract", SCORED)
    assert contract == pytest.approx(silent * CONTRACT_STRETCH, abs=0.1)
    assert "contract role: a stretch unless your profile takes contracts" in reasons
    takes = SCORED.model_copy(update={"employment": ("permanent", "contract")})
    assert scored("contract", takes)[0] == scored(None, takes)[0]
    assert scored("permanent", SCORED)[0] == silent


def test_a_profile_that_reads_as_a_contractors_takes_contracts_alike() -> None:
    def stretch(profile: Profile) -> float:
        facts = replace(FIT, employment="contract")
        match = score_listing(facts, profile, title="TPM", text="", posted_at=NOW, context=CONTEXT)
        plain = score_listing(FIT, profile, title="TPM", text="", posted_at=NOW, context=CONTEXT)
        return match.score / plain.score

    assert stretch(SCORED) == pytest.approx(CONTRACT_STRETCH, abs=0.002)
    named = SCORED.model_copy(update={"target_roles": ("Contract Technical Program Manager",)})
    assert stretch(named) == 1.0
    hourly = SCORED.model_copy(
        update={"min_salary": SCORED.min_salary.model_copy(update={"period": "hour"})}  # type: ignore[union-attr]
    )
    assert stretch(hourly) == 1.0


def test_part_time_hours_are_a_stretch_unless_the_profile_takes_them() -> None:
    def scored(profile: Profile) -> tuple[float, float, tuple[str, ...]]:
        part = score_listing(
            replace(FIT, employment="part_time"), profile, title="TPM", text="",
            posted_at=NOW, context=CONTEXT,
        )  # fmt: skip
        plain = score_listing(FIT, profile, title="TPM", text="", posted_at=NOW, context=CONTEXT)
        return part.score, plain.score, part.reasons

    part, plain, reasons = scored(SCORED)
    assert part == pytest.approx(plain * PART_TIME_STRETCH, abs=0.1)
    assert "part-time role: a stretch unless your profile takes part-time work" in reasons
    takes = SCORED.model_copy(update={"employment": ("part_time",)})
    part, plain, _ = scored(takes)
    assert part == plain
    permanent = SCORED.model_copy(update={"employment": ("permanent",)})
    part, plain, reasons = scored(permanent)
    assert part <= 80 < plain
    assert "capped at 80: part-time role, you want permanent" in reasons
