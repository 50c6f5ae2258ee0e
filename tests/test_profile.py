"""Profiles: FORMAT.md TOML, validated; a bad one is a one-line error naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobmatch.demo import sample_profile_path
from matcher.errors import ProfileError
from matcher.profile import load_profile, plausibility_warnings

ROOT = Path(__file__).parent.parent


def test_sample_and_example_profiles_load() -> None:
    sample = load_profile(sample_profile_path())
    assert sample.certifications == ("PMP", "CSM")
    assert sample.min_salary is not None and sample.min_salary.currency == "INR"
    assert load_profile(ROOT / "profiles" / "example.toml").name == "example"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[profile]\nname='x'\n", r"bad.toml: profile.target_roles: Field required"),
        (
            "[profile]\nname='x'\ntarget_roles=['TPM']\nseniority='guru'\n",
            r"profile.seniority: Input should be",
        ),
        (
            "[profile]\nname='x'\ntarget_roles=['TPM']\nhobbies=['chess']\n",
            r"profile.hobbies: unknown key",
        ),
        (
            "[profile]\nname='x'\ntarget_roles=['TPM']\nmin_salary={amount=-5, currency='INR'}\n",
            r"profile.min_salary.amount: Input should be greater than or equal to 0",
        ),
        ("name='x'\n", r"bad.toml: profile: Field required \(and 1 more problem\)"),
        ("[profile\n", r"bad.toml: not valid TOML"),
    ],
)
def test_bad_profiles_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as raised:
        load_profile(path)
    assert "\n" not in str(raised.value)


def write_profile(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(
        f'[profile]\nname = "A"\ntarget_roles = ["Scrum Master"]\n{extra}\n', encoding="utf-8"
    )
    return path


def test_certification_names_are_read_through_the_taxonomy_aliases(tmp_path: Path) -> None:
    profile = load_profile(
        write_profile(
            tmp_path,
            'certifications = ["Certified ScrumMaster", "pmp", "ITIL v4", '
            '"AWS Solutions Architect", "CSM"]',
        )
    )
    assert profile.certifications == ("CSM", "PMP", "ITIL", "AWS Certified")
    assert plausibility_warnings(profile) == []


def test_enums_and_currency_codes_forgive_case(tmp_path: Path) -> None:
    profile = load_profile(
        write_profile(
            tmp_path,
            'seniority = "Senior"\nmin_salary = { amount = 3000000, currency = "inr", period = "Year" }',
        )
    )
    assert profile.seniority == "senior"
    assert profile.min_salary is not None
    assert (profile.min_salary.currency, profile.min_salary.period) == ("INR", "year")


@pytest.mark.parametrize(
    ("extra", "warning"),
    [
        (
            'min_salary = { amount = 30, currency = "INR" }',
            "looks like lakhs: 30 LPA is amount = 3000000",
        ),
        (
            'min_salary = { amount = 120, currency = "USD" }',
            "looks like thousands: 120k is amount = 120000",
        ),
        ('min_salary = { amount = 90000, currency = "XYZ" }', "'XYZ' has no exchange rate"),
        ('certifications = ["PgMP"]', "'PgMP' is not one the matcher reads in listings"),
    ],
)
def test_implausible_values_are_warned_one_line_each(
    tmp_path: Path, extra: str, warning: str
) -> None:
    (line,) = plausibility_warnings(load_profile(write_profile(tmp_path, extra)))
    assert warning in line


def test_a_currency_that_is_not_an_iso_code_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"min_salary.currency: String should match pattern"):
        load_profile(write_profile(tmp_path, 'min_salary = { amount = 1, currency = "₹" }'))


@pytest.mark.cli
def test_profile_check_shows_each_warning_and_still_passes(tmp_path: Path) -> None:
    from tests.test_cli import jobmatch

    path = write_profile(tmp_path, 'min_salary = { amount = 30, currency = "INR" }')
    result = jobmatch("profile", "check", str(path), cwd=tmp_path)
    assert result.returncode == 0
    assert f"{path}: warning: min_salary.amount 30 INR a year looks like lakhs" in result.stderr
