"""`jobmatch profile init --from-cv FILE`: a draft profile TOML read from a CV.

The same extractor that reads listings reads the CV, so what it finds is what the matcher
will compare. The draft is for the user to review: every guess is marked in a comment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jobmatch.errors import InputError
from matcher.components import TPM_FAMILY
from matcher.extract import (
    classify_role,
    extract_facts,
    level_for_years,
    parse_location,
    parse_years,
)

# A display title for each role variant a TPM-family profile may target.
_VARIANT_TITLES = {
    "technical_project_manager": "Technical Project Manager",
    "technical_program_manager": "Technical Program Manager",
    "it_project_manager": "IT Project Manager",
    "agile_project_manager": "Agile Project Manager",
    "scrum_master": "Scrum Master",
    "devops_project_manager": "DevOps Project Manager",
    "delivery_manager": "Delivery Manager",
    "technical_project_assistant": "Technical Project Coordinator",
}
_DEGREE_LINE = re.compile(
    r"\b(?:b\.\s?tech|btech|b\.e\.|bachelor|b\.sc|bsc|m\.\s?tech|mtech|m\.s\.|msc|m\.sc|"
    r"master(?:'s)? (?:of|in)|mba|mca|bca|ph\.?d)(?!\w)",
    re.IGNORECASE,
)
_HEADLINE_LINES = 3  # name, headline, contact line: where a CV says what the person is


def read_cv(path: Path) -> str:
    """Text of a CV: .txt or .md as is; .pdf through the optional pypdf extra."""
    if path.suffix.lower() == ".pdf":
        return _pdf_text(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (save the CV as .txt or .md)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError(
            f"{path}: reading PDF needs the pdf extra: pip install 'jobmatch[pdf]'"
        ) from None
    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except (PdfReadError, OSError, ValueError) as e:
        raise InputError(f"{path}: cannot read PDF ({e})") from None


def draft_profile(text: str) -> str:
    """A profile TOML draft from CV text."""
    lines = [line.strip(" \t•*-#|") for line in text.splitlines()]
    lines = [line for line in lines if line]
    name = lines[0] if lines else "Your Name"
    roles = _target_roles(lines[:_HEADLINE_LINES])
    years, _ = parse_years(text)
    facts = extract_facts(title=" / ".join(roles), description=text)
    places = _locations(lines)
    degrees = [line for line in lines if _DEGREE_LINE.search(line) and len(line) < 120][:3]
    level = level_for_years(years)
    fields = {
        "name": name,
        "target_roles": roles or ["Technical Project Manager"],
        "years_experience": years if years is not None else 0,
        "seniority": level,
        "degrees": degrees,
        "certifications": list(facts.certifications),
        "skills": list(facts.skills),
        "methodologies": list(facts.methodologies),
        "locations": places,
        "remote_ok": True,
    }
    body = "\n".join(f"{key} = {_toml_value(value)}" for key, value in fields.items())
    return (
        "# Drafted by `jobmatch profile init` from your CV: review every line.\n"
        "# target_roles come from your headline, years and seniority from phrases like\n"
        "# '8 years of experience'; add min_salary and exclude_keywords yourself, e.g.\n"
        '# min_salary = { amount = 2500000, currency = "INR", period = "year" }\n'
        '# exclude_keywords = ["night shift"]\n'
        f"[profile]\n{body}\n"
    )


def _target_roles(headline: list[str]) -> list[str]:
    roles: list[str] = []
    for line in headline:
        variant = classify_role(line[:120], "")
        title = _VARIANT_TITLES.get(variant) if variant in TPM_FAMILY else None
        if title and title not in roles:
            roles.append(title)
    return roles


def _locations(lines: list[str]) -> list[str]:
    places: list[str] = []
    for line in lines[:_HEADLINE_LINES]:
        city, _ = parse_location(line[:200])
        if city and city not in places:
            places.append(city)
    return places


def _toml_value(value: object) -> str:
    # JSON strings, numbers, booleans and arrays of them are valid TOML values.
    return json.dumps(value, ensure_ascii=False)
