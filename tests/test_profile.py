"""Profiles: FORMAT.md TOML, validated; a bad one is a one-line error naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobmatch.demo import sample_profile_path
from matcher.errors import ProfileError
from matcher.profile import load_profile

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
