"""jobmatch.evaluate on a tiny labelled set written here (never the dev set)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jobmatch.errors import InputError
from jobmatch.eval_duplicates import PairAccuracy
from jobmatch.evaluate import (
    bm25_ranking,
    cert_f1,
    evaluate_set,
    ndcg,
    read_sets,
    render_summary,
    salary_right,
    top_share,
)
from matcher.score import DEFAULT_WEIGHTS

PROFILE = """\
[profile]
name = "Test Person"
target_roles = ["Technical Project Manager"]
years_experience = 8
seniority = "senior"
certifications = ["PMP"]
skills = ["Jira", "AWS"]
methodologies = ["Scrum"]
locations = ["Pune"]
remote_ok = true
min_salary = { amount = 2000000, currency = "INR", period = "year" }
"""

LISTINGS: list[dict[str, Any]] = [
    {
        "id": "t-1",
        "source": "test:board",
        "title": "Scrum Master",
        "company": "Quokka Labs",
        "location": "Pune, Maharashtra, India",
        "remote": False,
        "posted_at": "2031-03-01",
        "description": "Facilitate Scrum ceremonies for two teams in our Pune office. "
        "4+ years of experience. CSM required.",
        "truth": {"role_variant": "scrum_master", "work_mode": "onsite", "country": "IN"},
    },
    {
        "id": "t-2",
        "source": "test:board",
        "title": "Data Engineer",
        "company": "Quokka Labs",
        "location": "Pune, Maharashtra, India",
        "remote": False,
        "posted_at": "2031-03-02",
        "description": "Build Spark pipelines on AWS. 5+ years of experience with Python.",
        "truth": {"role_variant": "engineering_role", "work_mode": "onsite", "country": "IN"},
    },
    {
        "id": "t-3",
        "source": "test:board",
        "title": "Senior Technical Project Manager",
        "company": "Wombat Cloud",
        "location": "Pune, Maharashtra, India",
        "remote": False,
        "posted_at": "2031-03-04",
        "salary_text": "₹30–40 LPA",
        "description": "<p>Lead delivery of our cloud platform releases on AWS.</p>"
        "<ul><li>7+ years of experience</li><li>PMP required</li>"
        "<li>Jira, Scrum</li></ul><p>Work from our Pune office.</p>",
        # Deliberately wrong: the listing is plainly a TPM role paid in rupees.
        "truth": {
            "role_variant": "other",
            "salary": {"min": 3000000, "max": 4000000, "currency": "EUR", "period": "year"},
            "work_mode": "onsite",
            "country": "IN",
        },
    },
    {
        "id": "t-4",
        "source": "test:board",
        "title": "IT Project Manager",
        "company": "Numbat Systems",
        "location": "Pune, Maharashtra, India",
        "remote": False,
        "posted_at": "2031-03-03",
        "description": "Run infrastructure upgrade projects. 6+ years of experience.",
        "truth": None,
    },
]

# t-2 is deliberately unlabelled: it counts as grade 0.
LABELS = [
    ("t-1", "1", "adjacent: scrum master, not his target"),
    ("t-3", "3", "his target role, level and city"),
    ("t-4", "2", "IT PM: related, one mismatch"),
]


def write_set(
    root: Path,
    listings: list[dict[str, Any]] | None = None,
    labels: str | None = None,
) -> Path:
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "pune-tpm.toml").write_text(PROFILE, encoding="utf-8")
    lines = [json.dumps(item, ensure_ascii=False) for item in listings or LISTINGS]
    (root / "listings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if labels is None:
        rows = [f"pune-tpm\t{listing}\t{grade}\t{reason}" for listing, grade, reason in LABELS]
        labels = "profile\tlisting\tgrade\treason\n" + "\n".join(rows) + "\n"
    (root / "labels.tsv").write_text(labels, encoding="utf-8")
    return root


# Ranking t-1, t-2, t-3, t-4 with grades 1, 0, 3, 2 (gain 2^g - 1, discount log2(rank + 1)):
#   DCG@10  = 1/log2(2) + 0/log2(3) + 7/log2(4) + 3/log2(5)
#           = 1 + 0 + 3.5 + 3/2.321928 = 1 + 3.5 + 1.292030 = 5.792030
#   IDCG@10 = grades sorted 3, 2, 1 = 7/log2(2) + 3/log2(3) + 1/log2(4)
#           = 7 + 3/1.584963 + 0.5 = 7 + 1.892789 + 0.5 = 9.392789
#   NDCG@10 = 5.792030 / 9.392789 = 0.616647
HAND_NDCG = 0.616647
GRADES = {"t-1": 1, "t-3": 3, "t-4": 2}


def test_ndcg_matches_hand_computation() -> None:
    assert ndcg(["t-1", "t-2", "t-3", "t-4"], GRADES) == pytest.approx(HAND_NDCG, abs=1e-6)
    assert ndcg(["t-3", "t-4", "t-1", "t-2"], GRADES) == pytest.approx(1.0)
    assert ndcg(["t-1", "t-2"], {}) == 0.0  # nothing relevant to find
    # top-5 share of grade >= 2: t-3 and t-4 out of the 4 listed.
    assert top_share(["t-1", "t-2", "t-3", "t-4"], GRADES) == 0.5


def test_evaluate_set_end_to_end_with_ties_broken_by_id(tmp_path: Path) -> None:
    # All weights 0: every score is 0, so the ranking is the tie-break, ids ascending:
    # t-1, t-2, t-3, t-4 — exactly the hand-computed case above.
    zero = dict.fromkeys(DEFAULT_WEIGHTS, 0.0)
    report = evaluate_set(write_set(tmp_path), weights=zero)
    (result,) = report.profiles
    assert result.profile == "pune-tpm"
    assert [r.listing for r in result.ranking] == ["t-1", "t-2", "t-3", "t-4"]
    assert [r.grade for r in result.ranking] == [1, 0, 3, 2]
    assert result.matcher.ndcg == pytest.approx(HAND_NDCG, abs=1e-6)
    assert result.matcher.top_share == 0.5


def test_evaluate_set_with_default_weights_and_bm25(tmp_path: Path) -> None:
    report = evaluate_set(write_set(tmp_path))
    assert report.listings == 4
    # Default "now": the newest posted_at (t-3, 2031-03-04) plus one day.
    assert report.now == datetime(2031, 3, 5, tzinfo=UTC)
    (result,) = report.profiles
    assert sorted(r.listing for r in result.ranking) == ["t-1", "t-2", "t-3", "t-4"]
    assert 0.0 <= result.matcher.ndcg <= 1.0
    assert 0.0 <= result.bm25.ndcg <= 1.0
    assert 0.0 <= result.bm25.top_share <= 1.0
    text = report.render()
    assert "pune-tpm" in text and "BM25" in text and "average" in text
    assert "role_variant" in text and "certifications" in text
    assert "t-3" in report.misses(5)  # the only grade-3 listing is listed


def test_same_set_gives_same_report(tmp_path: Path) -> None:
    root = write_set(tmp_path)
    assert evaluate_set(root).render() == evaluate_set(root).render()


def test_bm25_baseline_ranks_matching_text_first() -> None:
    documents = {
        "b": "Senior Technical Project Manager\nJira Scrum AWS cloud delivery",
        "a": "Line cook\nKitchen prep and plating",
        "c": "Pastry chef\nBread and cakes",
    }
    ranked = bm25_ranking(documents, ["technical", "project", "manager", "jira"])
    assert ranked[0] == "b"
    assert ranked[1:] == ["a", "c"]  # both score 0: ties by id


def test_field_accuracy_counts_an_intentionally_wrong_truth(tmp_path: Path) -> None:
    report = evaluate_set(write_set(tmp_path))
    fields = {f.field: f for f in report.fields}
    role = fields["role_variant"]
    assert role.listings == 3  # t-4 has no truth
    assert "t-3" in [m.listing for m in role.misses]
    assert role.accuracy <= 2 / 3
    salary = fields["salary"]
    assert salary.listings == 1  # only t-3's truth names salary
    assert salary.accuracy == 0.0
    assert salary.misses[0].want["currency"] == "EUR"
    assert fields["seniority"].listings == 0  # no truth names it
    assert "got" in report.misses(10)


def test_field_scorers() -> None:
    assert cert_f1([], []) == 1.0
    assert cert_f1(["PMP"], []) == 0.0
    # got {PMP, CSM}, want {PMP}: precision 1/2, recall 1 → F1 = 2·0.5·1/1.5 = 2/3
    assert cert_f1(["PMP", "CSM"], ["PMP"]) == pytest.approx(2 / 3)
    want = {"min": 100000.0, "max": 200000.0, "currency": "USD", "period": "year"}
    assert salary_right(None, None) == 1.0
    assert salary_right(None, want) == 0.0
    assert salary_right({**want, "min": 101900.0}, want) == 1.0  # within 2%
    assert salary_right({**want, "min": 102500.0}, want) == 0.0  # 2.5% off
    assert salary_right({**want, "period": "month"}, want) == 0.0
    assert salary_right({**want, "min": None}, want) == 0.0  # null must match null
    one_sided = {**want, "min": None}
    assert salary_right(one_sided, one_sided) == 1.0


def test_missing_files_are_input_errors(tmp_path: Path) -> None:
    root = write_set(tmp_path / "a")
    (root / "listings.jsonl").unlink()
    with pytest.raises(InputError, match=r"listings\.jsonl: file not found"):
        evaluate_set(root)

    root = write_set(tmp_path / "b")
    (root / "labels.tsv").unlink()
    with pytest.raises(InputError, match=r"labels\.tsv: file not found"):
        evaluate_set(root)

    root = write_set(tmp_path / "c")
    (root / "profiles" / "pune-tpm.toml").unlink()
    with pytest.raises(InputError, match=r"profiles: no profile"):
        evaluate_set(root)
    (root / "profiles").rmdir()
    with pytest.raises(InputError, match=r"profiles: profiles folder not found"):
        evaluate_set(root)

    with pytest.raises(InputError, match="listings.jsonl"):
        evaluate_set(tmp_path / "nowhere")


HEADER = "profile\tlisting\tgrade\treason\n"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ("profile,listing,grade,reason\n", r"labels\.tsv:1: header"),
        (HEADER + "pune-tpm\tt-1\t1\tok\npune-tpm\tt-3\tthree\tbad\n", r"labels\.tsv:3: grade"),
        (HEADER + "pune-tpm\tt-1\t4\ttoo high\n", r"labels\.tsv:2: grade"),
        (HEADER + "pune-tpm\tt-1\t1\n", r"labels\.tsv:2: expected 4 tab-separated columns"),
        (HEADER + "pune-tpm\tt-9\t1\tx\n", r"labels\.tsv:2: unknown listing 't-9'"),
        (HEADER + "someone\tt-1\t1\tx\n", r"labels\.tsv:2: unknown profile 'someone'"),
        (HEADER + "pune-tpm\tt-1\t1\tx\npune-tpm\tt-1\t2\ty\n", r"labels\.tsv:3: .* twice"),
    ],
)
def test_malformed_labels_name_file_and_line(tmp_path: Path, labels: str, expected: str) -> None:
    root = write_set(tmp_path, labels=labels)
    with pytest.raises(InputError, match=expected):
        evaluate_set(root)


def test_malformed_listing_line_names_file_and_line(tmp_path: Path) -> None:
    root = write_set(tmp_path)
    with (root / "listings.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputError, match=r"listings\.jsonl:5: not JSON"):
        evaluate_set(root)


def test_bad_profile_is_an_input_error(tmp_path: Path) -> None:
    root = write_set(tmp_path)
    (root / "profiles" / "pune-tpm.toml").write_text("[profile]\nname = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"pune-tpm\.toml"):
        evaluate_set(root)


def test_hand_value_arithmetic() -> None:
    # The constant above, recomputed from its formula, so a typo in it can't pass silently.
    dcg = 1 + 7 / math.log2(4) + 3 / math.log2(5)
    idcg = 7 + 3 / math.log2(3) + 1 / math.log2(4)
    assert dcg / idcg == pytest.approx(HAND_NDCG, abs=1e-6)


def test_a_set_can_read_its_postings_from_elsewhere_with_truth_beside_the_labels(
    tmp_path: Path,
) -> None:
    # The postings stay where they were published (no truth there); the set keeps a
    # pointer, the truth and the labels.
    published = tmp_path / "published" / "listings.jsonl"
    published.parent.mkdir()
    bare = [{k: v for k, v in item.items() if k != "truth"} for item in LISTINGS]
    published.write_text("\n".join(json.dumps(item) for item in bare) + "\n", encoding="utf-8")
    pointer_set = write_set(tmp_path / "pointer")
    (pointer_set / "listings.jsonl").unlink()
    (pointer_set / "listings.path").write_text("../published/listings.jsonl\n", encoding="utf-8")
    truths = [json.dumps({"id": item["id"], "truth": item["truth"]}) for item in LISTINGS]
    (pointer_set / "truth.jsonl").write_text("\n".join(truths) + "\n", encoding="utf-8")
    inline = evaluate_set(write_set(tmp_path / "inline"))
    assert evaluate_set(pointer_set).render().splitlines()[1:] == inline.render().splitlines()[1:]

    (pointer_set / "truth.jsonl").write_text('{"id": "t-9", "truth": {}}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"truth.jsonl:1: unknown listing 't-9'"):
        evaluate_set(pointer_set)


def test_every_registered_set_in_one_summary_with_its_first_run(tmp_path: Path) -> None:
    write_set(tmp_path / "small")
    register = tmp_path / "SETS.toml"
    register.write_text(
        '[[set]]\nname = "small"\npath = "small"\nfirst_ndcg = 0.5\nunseen = true\n'
        '[[set]]\nname = "gone"\npath = "nowhere"\n',
        encoding="utf-8",
    )
    sets = read_sets(register)
    assert [(s.name, s.first_ndcg, s.unseen) for s in sets] == [
        ("small", 0.5, True),
        ("gone", None, False),
    ]
    report = evaluate_set(sets[0].path)
    text = render_summary([(sets[0], report), (sets[1], "absent: nowhere")])
    small, gone = text.splitlines()[2:]
    ndcg_now = f"{report.average('matcher').ndcg:.3f}"
    assert small.split() == [
        "small",
        "4",
        ndcg_now,
        small.split()[3],
        small.split()[4],
        "0.500",
        "yes",
    ]
    assert gone.split()[:2] == ["gone", "absent:"]


def test_a_second_readers_grades_are_averaged_and_their_agreement_reported(
    tmp_path: Path,
) -> None:
    root = write_set(tmp_path)
    second = [("t-1", "1", "same"), ("t-3", "2", "one grade lower"), ("t-4", "2", "same")]
    rows = [f"pune-tpm\t{listing}\t{grade}\t{reason}" for listing, grade, reason in second]
    text = "profile\tlisting\tgrade\treason\n" + "\n".join(rows) + "\n"
    (root / "labels.reader2.tsv").write_text(text, encoding="utf-8")
    report = evaluate_set(root, weights=dict.fromkeys(DEFAULT_WEIGHTS, 0.0))
    (result,) = report.profiles
    assert [r.grade for r in result.ranking] == [1, 0, 2.5, 2]  # the readers' mean
    # Ranking t-1..t-4, grades 1, 0, 2.5, 2: DCG = 1 + (2^2.5 - 1)/2 + 3/log2(5) = 4.620457;
    # ideal 2.5, 2, 1: (2^2.5 - 1) + 3/log2(3) + 1/2 = 7.049643.
    assert result.matcher.ndcg == pytest.approx(4.620457 / 7.049643, abs=1e-6)
    assert report.agreement is not None
    assert (report.agreement.readers, report.agreement.exact) == (2, pytest.approx(2 / 3))
    assert report.agreement.within_one == 1.0
    assert "the mean of 2 readers" in report.render()


def test_a_second_reader_grading_other_pairs_is_an_input_error(tmp_path: Path) -> None:
    root = write_set(tmp_path)
    (root / "labels.reader2.tsv").write_text(
        "profile\tlisting\tgrade\treason\npune-tpm\tt-1\t1\tonly one\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"labels\.reader2\.tsv: grades other pairs"):
        evaluate_set(root)


def test_a_set_with_duplicates_is_measured_on_the_groups_the_pipeline_stores(
    tmp_path: Path,
) -> None:
    """t-5 is t-3 seen again on another board: one true pair. Grouping finds it, and
    nothing else, so precision and recall are 1; a second, wrong pair halves the recall."""
    long_text = (
        "<p>Lead delivery of our cloud platform releases on AWS for three product teams: "
        "plan the quarterly roadmap with engineering leads, run the release calendar, track "
        "risks and dependencies in Jira, report progress to the CTO every week and coach the "
        "teams through Scrum ceremonies.</p><ul><li>7+ years of experience</li>"
        "<li>PMP required</li></ul><p>Work from our Pune office.</p>"
    )
    original = dict(LISTINGS[2], description=long_text)
    copy = dict(original, id="t-5", source="test:other", posted_at="2031-03-05")
    listings = [*LISTINGS[:2], original, LISTINGS[3], copy]
    root = write_set(tmp_path / "dups", listings=listings)
    (root / "duplicates.tsv").write_text("a\tb\nt-3\tt-5\n", encoding="utf-8")
    report = evaluate_set(root)
    assert report.duplicates == PairAccuracy(precision=1.0, recall=1.0, true_pairs=1, found_pairs=1)
    assert "duplicate pairs: precision 1.000, recall 1.000" in report.render()

    (root / "duplicates.tsv").write_text("a\tb\nt-3\tt-5\nt-1\tt-2\n", encoding="utf-8")
    assert evaluate_set(root).duplicates == PairAccuracy(1.0, 0.5, true_pairs=2, found_pairs=1)

    (root / "duplicates.tsv").write_text("a\tb\nt-3\tt-99\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicates\.tsv:2: expected two different listing ids"):
        evaluate_set(root)
    assert evaluate_set(write_set(tmp_path / "plain")).duplicates is None
