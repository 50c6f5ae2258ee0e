"""Certifications, years of experience and skills asked as company career sites and job boards really write them (issue 18):
each test states one rule a recruiter would recognise, on sentences written for the test."""

from __future__ import annotations

import pytest

from tests.real_text import BOILER, facts


@pytest.mark.parametrize("text", ["- PMP an asset", "Certification PMP, un atout."])
def test_a_certification_called_an_asset_is_preferred(text: str) -> None:
    found = facts(f"{BOILER}\n{text}")
    assert found.certifications == ("PMP",) and "PMP" in found.preferred
    assert "PMP" not in facts(f"{BOILER}\nPMP required. People are our greatest asset.").preferred


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        # In a list of certifications a framework's name is its certificate...
        ("PMP / ITIL preferred; MBA preferred.", ("ITIL", "PMP")),
        ("PMP / PRINCE2 / SAFe preferred.", ("PMP", "PRINCE2", "SAFe")),
        ("CSM/SAFe required.", ("CSM", "SAFe")),
        # ...and elsewhere the framework, not a certificate
        ("Knowledge of ITIL and SAFe practices.", ()),
        ("Experience in SAFe, ITIL processes.", ()),
    ],
)
def test_a_framework_listed_among_certifications_is_its_certificate(
    text: str, certs: tuple[str, ...]
) -> None:
    assert facts(f"{BOILER}\n{text}").certifications == certs


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        # ServiceNow's Customer Service Management module, a customer success manager
        ("Strong functional knowledge of ServiceNow ITSM, CSM, CMDB and ITOM modules.", ()),
        ("You will work with our development team, CSM and clients.", ()),
        ("CSM or PSM certification preferred.", ("CSM", "PSM")),
    ],
)
def test_csm_is_a_certificate_only_where_it_names_one(text: str, certs: tuple[str, ...]) -> None:
    assert facts(f"{BOILER}\n{text}").certifications == certs


def test_a_certification_a_learning_budget_pays_for_is_not_asked() -> None:
    text = (
        f"{BOILER}\nYou have: PMP or CSM preferred.\n"
        "Benefits: annual learning budget for certifications (PMP, SAFe, AWS)."
    )
    found = facts(text)
    assert found.certifications == ("CSM", "PMP") and {"CSM", "PMP"} <= set(found.preferred)
    assert facts(f"{BOILER}\nLearning budget for certifications (PRINCE2).").certifications == ()


# --- years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("At least (5) years of software engineering experience.", 5),
        ("3-years full-time software engineering work experience.", 3),
        ("3 years+ in a program management role.", 3),
        ("Years of Experience : 5", 5),
        # Text whose line breaks were lost: the number runs on from the word before.
        ("Analytics all a plus.2+ years of product management experience.", 2),
        ("Bachelor's degree required7+ years of experience in IT.", 7),
        # Job Bank's band: the upper bound is not asked
        ("Experience: 5 years to less than 7 years", 5),
        ("Expérience : 5 ans à moins de 7 ans", 5),
        ("Not less than 6 years of experience.", 6),
        # a company's time in its market is no experience asked
        ("Empresa com mais de 25 anos de experiência no mercado. Mínimo 3 anos de experiência.", 3),
    ],
)
def test_years_as_real_postings_write_them(text: str, years: int) -> None:
    assert facts(f"{BOILER}\n{text}").years_min == years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Cerințe: minimum 6 ani de experiență în IT.", 6),
        ("min. 5 let praxe v řízení staveb", 5),
        ("alespoň 3 roky zkušeností v roli Scrum Mastera", 3),
        ("Yazılım projelerinde en az 1 yıl deneyimli", 1),
        ("BT projelerinde en az 1, en fazla 3 yıl deneyimli", 1),
        # a deferment of military service is no experience
        ("1-2 yıl deneyimli. Erkek adaylar için en az 2 yıl tecilli olmak.", 1),
        # Hebrew: "at least 5 years' experience", "a year's experience at least"
        ("ניסיון של 5 שנים לפחות בניהול פרויקטי IT – חובה", 5),
        ("ניסיון של שנה לפחות בתיאום פרויקטים – חובה", 1),
        ("অভিজ্ঞতা: কমপক্ষে ৫ বছর", 5),
        ("vähintään 5 vuoden kokemusta ICT-projektien johtamisesta", 5),
        ("1–2 aastat kogemust PMO või analüütiku rollis", 1),
        ("ne mažesnė nei 3 metų IT projektų valdymo patirtis", 3),
        ("vismaz 4 gadu pieredze IT projektu vadībā", 4),
        ("Minst 7 års erfarenhet av IT-projekt", 7),
        ("자격요건: 경력 8년 이상, PMP 보유자", 8),
        ("سنوات الخبرة: 5 سنوات على الأقل في إدارة المشاريع", 5),
        ("خبرة لا تقل عن 10 سنوات في إدارة البرامج", 10),
        ("سنوات الخبرة: سنتان على الأقل في تنسيق المشاريع", 2),
        ("خبرة من 2 إلى 5 سنوات في مراقبة الوثائق", 2),
        ("سنوات الخبرة: من سنة إلى 3 سنوات", 1),
        ("스크럼 마스터 경력 1~3년", 1),
        # Hindi: "at least 10 years' experience", "experience: freshers and 0-2 years"
        ("आवासीय भवन निर्माण में कम से कम 10 वर्ष का अनुभव", 10),
        ("अनुभव: फ्रेशर्स और 0-2 साल", 0),
        # Indonesian, Vietnamese and Thai: "at least 5 years' experience", a range, "a year or more"
        ("Minimal 5 tahun pengalaman sebagai IT Project Manager", 5),
        ("Pengalaman minimal 10 tahun, 5 tahun sebagai Project Manager gedung", 10),
        ("Có 1-2 năm kinh nghiệm điều phối dự án phần mềm", 1),
        ("มีประสบการณ์ 1 ปีขึ้นไป", 1),
        ("ประสบการณ์บริหารโครงการไอทีอย่างน้อย 5 ปี", 5),
        # a requirement list's item that opens with the years of some work
        ("Requirements:\n• 3 years of Odoo implementation\n• Only Malaysians need apply", 3),
        ("Requirements:\n- 5 years in B2B IT sales", 5),
        # no experience required, a year of it preferred: none asked
        ("Không yêu cầu kinh nghiệm, ưu tiên ứng viên có 1 năm kinh nghiệm điều phối dự án", 0),
        # a US federal grade's step is no career's experience: only the other mention counts
        ("One year of specialized experience equivalent to the GS-12 level. 5+ years in IT.", 5),
        # Bdjobs' age band is no experience
        ("At least 8 years of experience. Age at least 30 years.", 8),
    ],
)
def test_years_in_romanian_czech_turkish_and_hebrew(text: str, years: int) -> None:
    assert facts(f"{BOILER}\n{text}").years_min == years


@pytest.mark.parametrize(
    "text",
    [
        "Our Associate TPM program is for new graduates starting their careers.",
        "Contrat en alternance de 24 mois, rythme 3 jours entreprise / 2 jours école.",
    ],
)
def test_new_graduates_and_work_study_are_asked_no_experience(text: str) -> None:
    assert facts(f"{BOILER}\n{text}").years_min == 0


def test_france_travails_experience_field() -> None:
    assert facts(f"{BOILER}\nProfil souhaité\nExpérience : 3 An(s)").years_min == 3


def test_a_turkish_intern_is_asked_no_experience() -> None:
    text = f"{BOILER}\nBT Proje Yönetimi Stajyeri arıyoruz: yeni mezun veya son sınıf."
    assert facts(text, title="BT Proje Yönetimi Stajyeri").years_min == 0


def test_over_some_years_of_experience_is_still_asked() -> None:
    assert facts(f"{BOILER}\nOver 8 years managing software delivery.").years_min == 8
    assert facts(f"{BOILER}\nYou bring more than 6 years in IT project roles.").years_min == 6


def test_years_asked_as_a_plus_count_only_when_nothing_else_is_asked() -> None:
    both = "Requirements:\n• 5+ years of program management experience\nPreferred qualifications:\n• 7+ years of program management experience"
    assert facts(f"{BOILER}\n{both}").years_min == 5
    assert facts(f"{BOILER}\nIdeally 7+ years in delivery roles.").years_min == 7
    # "ideally" after the years qualifies something else
    assert (
        facts(f"{BOILER}\n6+ years' delivery experience, ideally in the public sector.").years_min
        == 6
    )


@pytest.mark.parametrize(
    "text",
    [
        "Report against the programme budget (£42m over three years).",
        "5 years' UK residency is required.",
        # how long a thing has lasted: "over"/"more than" without experience in the sentence
        "The system has been heavily customised over twenty years, and reports depend on it.",
        "Our current systems are more than fifteen years old.",
    ],
)
def test_a_budget_term_or_residency_is_no_experience_asked(text: str) -> None:
    assert facts(f"{BOILER}\n4+ years of experience.\n{text}").years_min == 4


@pytest.mark.parametrize(
    "text",
    [
        "Who should apply: final-year students and 2026 graduates from CS/IT.",
        "Currently enrolled undergraduate students graduating in 2028.",
    ],
)
def test_students_and_new_graduates_are_asked_no_experience(text: str) -> None:
    assert facts(f"{BOILER} {text}").years_min == 0
    assert facts(f"{BOILER} 3+ years of experience. We hire 2026 graduates too.").years_min == 3


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("You will recruit and mentor engineers.", True),
        ("Hire and grow a team of five developers.", True),
        ("Recruiting, onboarding and training staff.", True),
        # the employer's own recruiting, in every posting's boilerplate
        ("Interview process: a 30-minute call with our recruiter.", False),
        ("Our hiring team will be in touch within a week.", False),
        ("Beware of recruitment fraud: we never charge fees.", False),
        ("Your data is processed for recruitment purposes only.", False),
        ("Acme is hiring a Staff Technical Program Manager!", False),
        ("We are hiring people who love data.", False),
    ],
)
def test_recruiting_is_a_skill_asked_only_as_hiring_into_ones_team(text: str, asked: bool) -> None:
    assert ("recruiting/hiring" in facts(f"{BOILER}\n{text}").skills) == asked


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # Alternatives by education or level: the smallest is the least the job asks.
        (
            "Bachelor's degree with a minimum of 7 years of related experience or a Masters "
            "with at least 5 years of related experience.",
            5,
        ),
        ("Experience: 5+ years (for Senior level) or 8+ years (for Staff level).", 5),
        # Not alternatives: a sub-requirement inside a field list that contains "or".
        ("8+ years in fintech or payments, with 3+ years as a program manager.", 8),
        # The total, named as such, is the total.
        ("8+ years of total engineering experience. 10+ years working in Agile teams.", 8),
        ("15+ overall years of experience; 8+ years managing engineering projects.", 15),
        # Ages are not experience.
        ("Our learners range from 18-year-olds to career changers. 2+ years of experience.", 2),
        # ...nor an age limit as government notices state it
        (
            "Minimum 2 years of PMO experience. 4. Age: Not more than 35 years as on the last date.",
            2,
        ),
        ("At least 1 year of experience in IT support. Age Maximum 30 years as on the date.", 1),
        # an award's run of years is no experience; "freshers and up to 2 years" asks none
        ("Certified a Great Place to Work for three years running. 2+ years of experience.", 2),
        ("6+ years running technical programmes.", 6),
        ("B.Tech; freshers and up to 2 years of experience.", 0),
        # Swedish and Italian
        ("Minst 3 års erfarenhet som Scrum Master.", 3),
        ("Almeno 5 anni di esperienza.", 5),
        # What is "ideal" is preferred: the minimum stated beside it is what is asked.
        ("Minimum 5-7 years as a Project Manager. Ideal 8-10 years' experience in IT.", 5),
        # A range whose dash a page's encoding lost
        ("2 5 years of combined experience in L2 support.", 2),
        # The work the years were spent on, without the word "experience"
        ("Bachelor's degree and 5 years of construction or facilities project management.", 5),
        ("6 years managing software delivery.", 6),
        ("4+ years of marketing operations or program management experience.", 4),
    ],
)
def test_years_asked_as_written(text: str, years: int) -> None:
    assert facts(text).years_min == years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Our hiring process: 1) A call. 2) An interview with the hiring manager.", None),
        ("3 a 5 anos de experiência em gestão de projetos.", 3),
        ("De 2 a 4 años de experiencia.", 2),
        ("8-10 saal ka total experience chahiye.", 8),
        ("5 ans d'expérience en gestion de projet.", 5),
    ],
)
def test_years_in_other_languages_and_not_in_numbered_lists(text: str, years: int | None) -> None:
    assert facts(text).years_min == years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # Japanese: "N years or more of experience", the larger of a total and its part
        ("・システム開発経験3年以上（うちPL／PM経験1年以上）", 3),
        ("・3年以上の実務経験", 3),
        # Vietnamese: "at least N years of experience"; "hằng năm" (every year) is no experience
        ("- Có ít nhất 2 năm kinh nghiệm ở vị trí Scrum Master. Khám sức khỏe hằng năm.", 2),
        # Chinese: years then the experience word; a form's field; a founding year is none
        ("任职要求：4年以上软件/SaaS项目管理经验，其中2年以上项目经理经验；", 4),
        ("本科及以上学历，3-5年互联网或金融行业技术项目管理经验；", 3),
        ("工作經歷：1年以上 學歷要求：大學", 1),
        # "residential" is no residency; a vetting's look-back is no experience
        ("- 5+ years of residential construction project management", 5),
        ("Vetting requires at least 10 years of checkable background. 5+ years of IT PM.", 5),
    ],
)
def test_years_in_japanese_and_vietnamese_and_what_is_no_experience(text: str, years: int) -> None:
    assert facts(text).years_min == years


def test_a_founding_year_in_chinese_is_no_experience() -> None:
    assert facts("公司成立于1996年，是国内较早的系统集成商之一。").years_min is None


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        # a certificate's name run into Chinese: "PMP持证者优先" (PMP holders preferred)
        ("3、PMP持证者优先；", ("PMP",)),
        ("PSM I / CSM 佳", ("CSM", "PSM")),
    ],
)
def test_certificates_named_in_chinese_text(text: str, certs: tuple[str, ...]) -> None:
    assert facts(text).certifications == certs
