"""Titles are parsed, not searched: the head occupation and its modifiers decide the role,
qualifiers after a dash, comma, parenthesis, bar, "for" or "@" only refine it."""

from __future__ import annotations

import pytest

from matcher.extract import classify_role
from matcher.extract.title_parts import parse_title

SOFTWARE = "You will run delivery for our software platform with agile engineering teams."


@pytest.mark.parametrize(
    ("title", "core"),
    [
        ("technical project manager - remote, india", "technical project manager"),
        ("urgent opening for technical project manager @ pune", "technical project manager"),
        ("urgent hiring: scrum master", "scrum master"),
        ("manager, technical program", "manager, technical program"),
        ("senior director – program management", "senior director – program management"),
        ("content writer – project management", "content writer"),
        ("scrum master/agile coach (m/w/d)", "scrum master/agile coach"),
        ("ci/cd release manager", "ci/cd release manager"),
        ("fit-out project manager", "fit-out project manager"),
        ("urgent!!", "urgent!!"),  # no occupation anywhere: the whole title
    ],
)
def test_the_core_is_the_first_part_naming_an_occupation(title: str, core: str) -> None:
    assert parse_title(title).core == core


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A head that does not run projects, whatever the qualifier says.
        ("Content Writer – Project Management", "other"),
        ("Corporate Trainer (PMP / Agile)", "other"),
        ("Instructor, Scrum Master Certification Course", "other"),
        ("Business Development Executive – Project Management Software", "other"),
        ("Sales Manager – ERP Projects", "other"),
        ("Data Analyst – PMO", "other"),
        ("Technical Recruiter – Program Managers", "other"),
        # An engineer with Scrum duties is an engineer.
        ("Java Developer (Scrum team)", "engineering_role"),
        ("Senior Software Engineer (Scrum Master rotation)", "engineering_role"),
        ("Software Engineer - Project Management Tools", "engineering_role"),
        # Decoration around a real TPM-family title changes nothing.
        ("Urgent Opening For Technical Project Manager @ Pune", "technical_project_manager"),
        ("Technical Project Manager | 8+ yrs | Immediate Joiners", "technical_project_manager"),
        ("Project Coordinator - Freshers", "technical_project_assistant"),
        ("Project Management Intern", "technical_project_assistant"),
        ("Senior Manager, Technical Program Management", "technical_program_manager"),
        ("Lead - Technical Program Management", "technical_program_manager"),
        # A program of infrastructure builds technology; an IT program runs the firm's IT.
        ("Program Manager – Infrastructure", "technical_program_manager"),
        ("Program Manager – SAP S/4HANA", "it_project_manager"),
        ("Project Manager – Infrastructure", "it_project_manager"),
        # The role in the languages a TPM's boards carry.
        ("Chef de projet informatique (H/F)", "it_project_manager"),
        ("Jefe de proyecto TI", "it_project_manager"),
        ("Gerente de Programas Técnicos – Remoto (LATAM)", "technical_program_manager"),
        ("Kierownik Projektu IT", "it_project_manager"),
        ("Projectmanager IT (32-40 uur)", "it_project_manager"),
        ("Jefe de Obra – Centros de Datos", "non_technical_project_manager"),
        # Heads written first: "Director – Delivery", "Head - Technology PMO".
        ("Director – Delivery (Digital Transformation)", "delivery_manager"),
        ("Head - Technology PMO", "technical_program_manager"),
        ("Senior Associate – Project Management (PMO)", "technical_project_assistant"),
        ("Solutions Engineer – Project Management Software", "other"),
        # Qualifiers still refine the domain.
        ("Program Manager, Customer Experience", "non_technical_project_manager"),
    ],
)
def test_the_head_occupation_decides_the_role(title: str, expected: str) -> None:
    assert classify_role(title, SOFTWARE) == expected
