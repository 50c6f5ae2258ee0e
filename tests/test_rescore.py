"""`matcher.score.rescore` (the insights' counterfactual: one item added to the profile)
gives what scoring the listing in full for the changed profile gives."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.context import scoring_context
from matcher.facts import SENIORITIES, Facts
from matcher.profile import Profile
from matcher.score import DEFAULT_RATES_TO_USD, DEFAULT_WEIGHTS, rescore, score_listing

NOW = datetime(2026, 12, 7, tzinfo=UTC)
TABLES = {"weights": DEFAULT_WEIGHTS, "rates_to_usd": DEFAULT_RATES_TO_USD}
CERTS = ["PMP", "CSM", "PRINCE2", "SAFe", "PMI-ACP"]
SKILLS = ["Jira", "AWS", "Kubernetes", "Confluence", "Azure"]
METHODS = ["Scrum", "Kanban", "Agile"]
BASE = Profile(
    name="p",
    target_roles=("Technical Project Manager",),
    years_experience=5,
    locations=("Bengaluru",),
    remote_ok=True,
    exclude_keywords=("night shift",),
)

facts = st.builds(
    Facts,
    role_variant=st.sampled_from(["technical_project_manager", "product_manager", "other"]),
    seniority=st.sampled_from(SENIORITIES),
    years_min=st.one_of(st.none(), st.integers(0, 15)),
    certifications=st.lists(st.sampled_from(CERTS), unique=True).map(tuple),
    preferred=st.lists(st.sampled_from(CERTS + SKILLS), unique=True).map(tuple),
    skills=st.lists(st.sampled_from(SKILLS), unique=True).map(tuple),
    methodologies=st.lists(st.sampled_from(METHODS), unique=True).map(tuple),
    work_mode=st.sampled_from(["remote", "hybrid", "onsite"]),
    employment=st.sampled_from([None, "contract", "permanent"]),
    country=st.sampled_from(["IN", "US", None]),
    city=st.sampled_from(["Bengaluru", None]),
    conditions=st.sampled_from([(), ("night_shift",)]),
)
profiles = st.builds(
    lambda years, seniority, certs, skills, methods: BASE.model_copy(update=dict(
        years_experience=years, seniority=seniority, certifications=tuple(certs),
        skills=tuple(skills), methodologies=tuple(methods),
    )),
    st.integers(0, 12),
    st.sampled_from([None, "mid", "senior"]),
    st.lists(st.sampled_from(CERTS), unique=True, max_size=2),
    st.lists(st.sampled_from(SKILLS), unique=True, max_size=2),
    st.lists(st.sampled_from(METHODS), unique=True, max_size=1),
)  # fmt: skip
changes = st.one_of(
    st.tuples(st.just("certifications"), st.sampled_from(CERTS)),
    st.tuples(st.just("skills"), st.sampled_from(SKILLS)),
    st.tuples(st.just("methodologies"), st.sampled_from(METHODS)),
    st.tuples(st.just("years_experience"), st.integers(0, 20)),
)


def _changed(profile: Profile, field: str, item: str | int) -> Profile:
    if field == "years_experience":
        return profile.model_copy(update={"years_experience": item})
    return profile.model_copy(update={field: (*getattr(profile, field), item)})


@settings(max_examples=300, deadline=None)
@given(facts, profiles, changes, st.sampled_from([{}, {"jira": 1.2, "kubernetes": 0.8}]))
def test_rescoring_one_changed_field_equals_scoring_in_full(
    listing: Facts, profile: Profile, change: tuple[str, str | int], rarity: dict[str, float]
) -> None:
    field, item = change
    after = _changed(profile, field, item)
    title = "Senior Technical Project Manager"

    def scored(who: Profile):  # type: ignore[no-untyped-def]
        context = scoring_context(who, now=NOW, skill_weights=rarity, **TABLES)
        return score_listing(listing, who, title=title, text="", posted_at=None, context=context)

    moved = "skills" if field == "methodologies" else field
    context = scoring_context(after, now=NOW, skill_weights=rarity, **TABLES)
    assert rescore(scored(profile), listing, after, changed=moved, context=context) == scored(after)
