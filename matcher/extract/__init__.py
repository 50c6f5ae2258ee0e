"""Facts from one listing's text: role, level, years, certifications, salary, place.

Rules follow "How a careful reader fills truth" in shared/eval/FORMAT.md. Vocabulary
(certifications, skills, methodologies, role titles, places) is data in taxonomy/*.toml.
Every public function here accepts any string and never raises.

One module per fact family, all reading one `text.Reading` of the listing (its HTML made
plain, cut into clauses and scanned once for where every pattern can match):

    role, title      the role variant, the title key (title work cached per title)
    level            years of experience and seniority
    qualifications   certifications, skills, methodologies, degree
    salary           pay, from the salary field or the description
    place, work_mode city, country, remote scope; remote, hybrid or on site
    conditions       night shifts, bonds, travel ...
    listing          extract_facts: all of them

and the machinery they share: text (HTML to text, clauses, Reading), scan (a text's
scan), patterns (registered patterns and the automaton), prefixes (reading a pattern).
"""

from matcher.extract.level import level_for_years, parse_years, seniority_of
from matcher.extract.listing import extract_facts
from matcher.extract.place import parse_location
from matcher.extract.role import classify_role, title_key
from matcher.extract.salary import parse_salary
from matcher.extract.text import html_to_text
from matcher.extract.title import translate_title
from matcher.extract.work_mode import work_mode_of

__all__ = [
    "classify_role",
    "extract_facts",
    "html_to_text",
    "level_for_years",
    "parse_location",
    "parse_salary",
    "parse_years",
    "seniority_of",
    "title_key",
    "translate_title",
    "work_mode_of",
]
