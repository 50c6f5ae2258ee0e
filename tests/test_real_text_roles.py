"""Role, level and terms of employment read from titles as company career sites and job boards really write them (issue 18):
each test states one rule a recruiter would recognise, on sentences written for the test."""

from __future__ import annotations

import pytest

from tests.real_text import BOILER, facts

# --- role ---------------------------------------------------------------------------------


def test_a_project_whose_work_is_the_companys_own_it_is_an_it_project() -> None:
    it_work = (
        "Join Corporate IT. Lead ERP upgrades on SAP, the ServiceNow service desk roll-out "
        "and end-user device refreshes for our business systems."
    )
    assert facts(it_work).role_variant == "it_project_manager"
    assert facts(BOILER).role_variant == "technical_project_manager"
    # An IT consultancy delivers for its clients: a technical project manager there.
    client = (
        "We are an IT consultancy. For our clients we deliver SAP and ServiceNow programmes: "
        "you run each client engagement, client workshops and reporting to client stakeholders."
    )
    assert facts(client).role_variant == "technical_project_manager"


@pytest.mark.parametrize(
    "title", ["Project Manager / Scrum Master", "Senior Scrum Master / Agile Delivery Lead"]
)
def test_a_title_joining_a_scrum_master_to_another_role_is_a_scrum_master(title: str) -> None:
    assert facts(BOILER, title=title).role_variant == "scrum_master"


@pytest.mark.parametrize(
    "title",
    [
        "Senior Data Science Analyst",
        "Manager II, Data Science",
        "Embedded Firmware Lead",
        "VAPT Analyst",
        "Penetration Tester",
        "ETL Lead",
    ],
)
def test_a_technical_discipline_needs_no_engineer_in_the_title(title: str) -> None:
    assert facts("Build and test our systems.", title=title).role_variant == "engineering_role"


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Project Manager - Data Science", "technical_project_manager"),
        ("Technical Program Manager, Firmware", "technical_program_manager"),
    ],
)
def test_a_project_role_in_a_technical_discipline_stays_a_project_role(
    title: str, role: str
) -> None:
    assert facts(BOILER, title=title).role_variant == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        # cloud delivery, operations and migration PMs are DevOps PMs
        ("Cloud Delivery Project Manager | AWS", "devops_project_manager"),
        ("Cloud Operations Project Manager - Managed Services", "devops_project_manager"),
        ("Technical Program Manager, Cloud Infrastructure", "technical_program_manager"),
        # an IT delivery manager is a delivery manager
        ("IT Delivery Manager (Dubai, UAE)", "delivery_manager"),
        ("SVP, Technology Delivery – Markets", "delivery_manager"),
        ("VP, IT Delivery", "delivery_manager"),
        ("Director of Product - Marketplace", "product_manager"),
        # Dutch and French role words: "technisch", "responsable de programme"
        ("Technisch Projectmanager Warehouse Systemen", "technical_project_manager"),
        (
            "Responsable de programme technique (H/F) – Carbon Accounting",
            "technical_program_manager",
        ),
        # an industry after an IT delivery title is the client's vertical; an insurer's
        # own programmes stay outside technology
        ("Senior Delivery Manager - Insurance", "delivery_manager"),
        ("Program Manager, Specialty Insurance Programs", "non_technical_project_manager"),
        ("Release & Deployment Manager – Kraków (hybrid)", "devops_project_manager"),
        # a development-sector programme is outside technology unless the title says so
        (
            "Project Coordinator – Skill Development Programme (NGO) – Jaipur",
            "non_technical_project_manager",
        ),
        ("Technical Project Manager – NGO Digital Platform", "technical_project_manager"),
        # programmes for young people are education, whatever the clubs teach
        ("Program Coordinator - After-School STEM Programs", "non_technical_project_manager"),
        ("Youth Programme Coordinator – Coding Clubs", "non_technical_project_manager"),
        # a job family's "Tech" label keeps no business programme in technology
        ("Localization Experience Program Manager II, Tech", "non_technical_project_manager"),
        ("Program Manager II, Tech", "technical_program_manager"),
        ("Program Leader, B2B Support Strategy", "non_technical_project_manager"),
        # an enterprise platform after the role is IT work, even on the cloud
        ("Project Manager - Cloud - ServiceNow", "it_project_manager"),
        ("Project Manager - Cloud Migration", "devops_project_manager"),
        # a recruitment label before the title names no job; a grade, then the function
        (
            "Walk-in Drive - Graduate Engineer Trainee - PMO / Delivery",
            "technical_project_assistant",
        ),
        ("Senior Manager - Delivery (Retail Technology)", "delivery_manager"),
        # a research grant's project staff, a literacy programme: outside technology
        ("Project Assistant (Sponsored Research Project)", "non_technical_project_manager"),
        ("Project Coordinator - Digital Literacy Programme", "non_technical_project_manager"),
        # Swedish, Dutch, Spanish, Italian, Japanese, Vietnamese titles
        ("Projektledare IT", "it_project_manager"),
        ("Projektledare bygg", "non_technical_project_manager"),
        ("ICT Projectleider", "it_project_manager"),
        ("Projectleider Bouw", "non_technical_project_manager"),
        ("Agil coach – konsult", "scrum_master"),
        ("PMO Junior / Técnico/a de Proyectos IT", "technical_project_assistant"),
        ("Jefe/a de Obra", "non_technical_project_manager"),
        ("Project Manager Edilizia", "non_technical_project_manager"),
        ("スクラムマスター（自社プロダクト）", "scrum_master"),
        ("テクニカルプロジェクトマネージャー（自社SaaS）", "technical_project_manager"),
        ("Nhân Viên Điều Phối Dự Án IT", "technical_project_assistant"),
        # the top rungs: portfolio governance, heads of programmes, of agile delivery, of the
        # EPMO, engagement directors; an investment portfolio is finance
        ("Lead - Portfolio Governance", "technical_program_manager"),
        ("Head of Engineering Operations & Programs", "technical_program_manager"),
        # (an enterprise PMO over the company's own IT is an IT one: issue 18's rule)
        ("Head of EPMO (Digital & IT)", "it_project_manager"),
        ("Head of Technology Programmes", "technical_program_manager"),
        ("Head of Agile Delivery", "delivery_manager"),
        ("Engagement Director, Cloud Transformation", "delivery_manager"),
        ("Portfolio Manager - Global Credit", "non_technical_project_manager"),
        # Spanish and Portuguese site and education titles
        ("Gerente de Obras (Edificações Residenciais)", "non_technical_project_manager"),
        ("Jefe/a de Proyectos – Obras Mineras", "non_technical_project_manager"),
        ("Coordinador/a de Proyectos Educativos", "non_technical_project_manager"),
        ("Trainee Coordinación de Proyectos IT", "technical_project_assistant"),
        # an implementation manager runs customers' software roll-outs
        ("Implementation Manager – SaaS Onboarding – Remote India", "technical_project_manager"),
        # a head of product *delivery* heads delivery, at any grade
        ("Director of Product Delivery", "delivery_manager"),
        ("Senior Director, Product Delivery", "delivery_manager"),
        # couriers, trainers, mentors and courses for sale run no projects
        ("Delivery Executive - Kondapur | Two-wheeler must", "other"),
        ("Scrum Trainer & Agile Coach (Freelance)", "other"),
        ("Google Project Management Certificate Mentor", "other"),
        ("Project Manager Trainee (PMP Bootcamp)", "other"),
        ("Project Assistant - Data Entry (Back Office)", "other"),
        ("Project Coordinator - Remote (US) | Commission Only", "other"),
        # a trainee's title with its field after it
        ("Trainee - Technical Project Management", "technical_project_assistant"),
        ("Graduate Engineer Trainee - PMO (2026 Batch)", "technical_project_assistant"),
        ("Graduate Programme - Technology Project Management", "technical_project_assistant"),
        ("Apprentice - IT Project Support", "technical_project_assistant"),
        ("Project Management Office (PMO) Executive", "technical_project_assistant"),
        ("Agile Coach", "scrum_master"),
        # a business function's programme, unless the title calls it technical
        ("Supply Chain Program Manager - Hardware NPI", "non_technical_project_manager"),
        ("Program Manager – Trust & Safety Operations", "non_technical_project_manager"),
        ("Finance Program Manager – FP&A Transformation", "non_technical_project_manager"),
        ("Technical Program Manager - Supply Chain Tech", "technical_program_manager"),
    ],
)
def test_what_a_title_names_decides_the_role(title: str, role: str) -> None:
    text = "We run our platform on AWS with engineering teams; suppliers and warehouses use it."
    assert facts(text, title=title).role_variant == role


def test_a_manufacturing_engineering_project_is_outside_technology() -> None:
    text = (
        "Lead new production-line projects at our stamping plant: tooling, fixtures, "
        "commissioning with mechanical and electrical suppliers, safety sign-off. P.Eng. required."
    )
    title = "Engineering Project Manager – Manufacturing"
    assert facts(text, title=title).role_variant == "non_technical_project_manager"


def test_a_software_product_or_information_system_in_the_title_is_technology() -> None:
    # The field it serves (fleets, warehouses, compliance) does not make it a project
    # outside technology unless the duties are overwhelmingly so; physical systems do.
    text = (
        "Coordinate the rollout of the new system: data migration, user acceptance testing, "
        "training for depot staff and go-live support with the vendor's engineers."
    )
    for title in (
        "Project Coordinator - Grey Fleet & Driver Compliance System",
        "Implementation Coordinator - Warehouse Management System",
    ):
        assert facts(text, title=title).role_variant == "technical_project_assistant"
    assert (
        facts(text, title="Program Manager, Software Release & ASPICE Compliance").role_variant
        == "technical_program_manager"
    )
    solar = "Install solar home systems in villages: site surveys, crews, safety, logistics."
    assert (
        facts(solar, title="Project Manager – Solar Home Systems Rollout").role_variant
        == "non_technical_project_manager"
    )


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("IT projektový manažer (HPP)", "it_project_manager"),
        ("Agilní projektový manažer pro klienty z DACH", "agile_project_manager"),
        ("Projektový manažer – výstavba energetických zdrojů", "non_technical_project_manager"),
        ("Manager Proiect IT Senior - Bucuresti (hibrid)", "it_project_manager"),
        ("Manager de proiect fonduri europene (PNRR)", "non_technical_project_manager"),
        ("Yazılım Proje Koordinatörü", "technical_project_assistant"),
        ("BT PMO Uzmanı", "technical_project_assistant"),
        ("Proje Müdürü (İnşaat - Şantiye)", "non_technical_project_manager"),
        ("Etkinlik Proje Yöneticisi", "non_technical_project_manager"),
        (
            "Kierownik projektu budowlanego (infrastruktura kolejowa)",
            "non_technical_project_manager",
        ),
        ("מנהל/ת פרויקטי IT – תשתיות וענן", "it_project_manager"),
        ("רכז/ת פרויקטים – אגף מערכות מידע", "technical_project_assistant"),
        ("מנהל/ת פרויקטים – מערכות מיגון, מצלמות אבטחה", "non_technical_project_manager"),
        ("প্রজেক্ট ম্যানেজার (সফটওয়্যার)", "technical_project_manager"),
        ("ICT-projektipäällikkö", "it_project_manager"),
        ("[부산] 스크럼 마스터 (경력 1~3년) — 해운물류 SaaS", "scrum_master"),
        ("[신입/경력] 애자일 프로젝트 코디네이터 — 게임 개발", "technical_project_assistant"),
        ("[건축] 데이터센터 신축공사 현장 PM", "non_technical_project_manager"),
        ("PM（SES／客先常駐・大阪）", "it_project_manager"),
        ("Agile Project Manager – Digital Banking (Busan)", "agile_project_manager"),
        ("Agile Coordinator (Junior) – Busan R&D Center", "technical_project_assistant"),
        ("Tapahtumapäällikkö", "non_technical_project_manager"),
        ("Projektijuhi assistent (ehitus)", "non_technical_project_manager"),
        ("IT projektų vadovas (-ė)", "it_project_manager"),
        ("Projektu koordinators/-e (būvniecība)", "non_technical_project_manager"),
        ("مدير مشروع تقنية المعلومات - القطاع الحكومي", "it_project_manager"),
        ("منسق مشاريع تقنية", "technical_project_assistant"),
        ("مساعد مدير مشروع - تقنية المعلومات", "technical_project_assistant"),
        ("مدير مشروع - مقاولات عامة", "non_technical_project_manager"),
        # an insurer's claims adjusters called project managers
        ("Project Manager I - Large Loss Claims", "non_technical_project_manager"),
        ("Technical Project Manager - Claims Platform Modernization", "technical_project_manager"),
        # Spanish and Portuguese titles and fields
        ("Coordinador(a) de Proyectos de Software – HealthTech", "technical_project_assistant"),
        ("Coordenador(a) de Projetos de TI", "technical_project_assistant"),
        ("Analista de Proyectos TI", "technical_project_assistant"),
        (
            "Coordinador(a) de Proyectos – Eventos Corporativos (Medellín)",
            "non_technical_project_manager",
        ),
        ("Jefe de Proyecto Minería – Faena Antofagasta (4x3)", "non_technical_project_manager"),
        ("Jefe de Obra", "non_technical_project_manager"),
        ("Gerente de Producto Digital – Fintech", "product_manager"),
        ("Líder Técnico Java – Squad de Pagos", "engineering_role"),
        ("Event Producer (Corporate Events)", "non_technical_project_manager"),
        # a contact centre's projects are its operations ("Contact", not "Contract")
        ("Project Coordinator – Bilingual Contact Center (CDMX)", "non_technical_project_manager"),
        # German titles and fields, gender markers aside
        ("Produktmanager:in Plattform (Remote, DE/AT)", "product_manager"),
        ("Softwareentwickler Java (m/w/d) im Scrum-Team", "engineering_role"),
        ("IT-Projektassistenz (m/w/d) – Vollzeit, unbefristet", "technical_project_assistant"),
        ("Werkstudent (m/w/d) Agiles Projektmanagement", "technical_project_assistant"),
        ("Projektleiter Elektrotechnik / TGA (w/m/d)", "non_technical_project_manager"),
        (
            "Projektleiter (m/w/d) Straßenbau – Entgeltgruppe E12 TV-L",
            "non_technical_project_manager",
        ),
        ("Chef(fe) de projet événementiel (H/F) 100%", "non_technical_project_manager"),
        # a teacher or a seller of project management is neither a project manager
        ("Trainer:in Projektmanagement (PMP / PRINCE2) (m/w/d)", "other"),
        ("Vertriebsprojektleiter (m/w/d) Software", "other"),
        ("Sales Project Manager – Solar PV (C&I)", "other"),
        # who leads the move to agile ways of working
        ("Agile Transformation Lead", "agile_project_manager"),
        # Indonesian, Vietnamese and Thai titles
        ("Manajer Proyek IT", "it_project_manager"),
        ("Project Manager Konstruksi (Gedung Bertingkat)", "non_technical_project_manager"),
        ("Quản lý dự án phần mềm", "technical_project_manager"),
        ("ผู้จัดการโครงการไอที (IT Project Manager)", "it_project_manager"),
        ("ผู้ประสานงานโครงการ (งานก่อสร้าง)", "non_technical_project_manager"),
        # junior PMO and delivery roles under their own names
        ("PMO Officer", "technical_project_assistant"),
        ("Delivery Analyst (Remote — UK, Ireland or Portugal)", "technical_project_assistant"),
        # Hindi writes English job words in Devanagari
        ("वॉक-इन ड्राइव: टेक्निकल प्रोजेक्ट कोऑर्डिनेटर (फ्रेशर्स) - हैदराबाद", "technical_project_assistant"),
        ("प्रोजेक्ट मैनेजर (सिविल) - आवासीय परियोजना, लखनऊ", "non_technical_project_manager"),
        ("कस्टमर केयर एग्जीक्यूटिव (वॉइस प्रोसेस)", "other"),
        # a contact centre's service delivery is its operations
        ("Service Delivery Manager – Call Center", "other"),
        # a work mode in a qualifier is no site of construction
        ("Project Coordinator – Gebze (on-site, shuttle)", "technical_project_assistant"),
    ],
)
def test_titles_in_czech_romanian_turkish_polish_and_hebrew(title: str, role: str) -> None:
    assert facts(BOILER, title=title).role_variant == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Program Manager, Data Annotation Operations", "non_technical_project_manager"),
        ("Annotation Project Coordinator – Data Labelling", "non_technical_project_manager"),
        ("Technical Project Manager – AI data labeling program", "technical_project_manager"),
        ("Alternance – Chef de projet technique Data H/F", "technical_project_assistant"),
    ],
)
def test_annotation_operations_and_work_study(title: str, role: str) -> None:
    assert facts(BOILER, title=title).role_variant == role


def test_an_assistant_to_a_person_or_an_office_is_no_project_role() -> None:
    for title in ("Virtual Assistant / Project Manager [Part-Time]",
                  "Executive Assistant & Project Coordinator"):  # fmt: skip
        assert facts(BOILER, title=title).role_variant == "other"
    assert facts(BOILER, title="Technical Project Assistant").role_variant == (
        "technical_project_assistant"
    )


def test_a_near_miss_spelling_keeps_its_first_letter() -> None:
    # "Tecnical Progam Manger" is a slip; "RevOps" (revenue operations) is another word.
    assert facts(BOILER, title="Tecnical Progam Manger").role_variant == "technical_program_manager"
    assert facts("Own the revenue funnel.", title="RevOps Lead").role_variant == "other"


def test_a_german_compound_names_the_projects_field_first() -> None:
    title = "Bauprojektleiter (m/w/d) Hochbau"
    text = "Sie steuern Bauvorhaben im Hochbau von der Planung bis zur Abnahme."
    assert facts(text, title=title).role_variant == "non_technical_project_manager"


@pytest.mark.parametrize(
    ("title", "text", "role"),
    [
        # A project engineer on a building site is on the project-management track...
        (
            "Project Engineer",
            "Support the project manager on commercial construction: office buildings and "
            "their MEP systems. Run submittals and RFIs, walk the site with subcontractors, "
            "track safety and prepare the handover.",
            "non_technical_project_manager",
        ),
        # ...elsewhere an engineer.
        (
            "Project Engineer",
            "Write Python services and deploy them to Kubernetes; review code and APIs.",
            "engineering_role",
        ),
        ("SDE2", "Build backend services in Java.", "engineering_role"),
        # A grade title ("Manager", "Senior Associate") names a level: the job is the title
        # the text states.
        (
            "Manager",
            "Job Title: Scrum Master - Payments Platform\nRun sprint ceremonies for two teams.",
            "scrum_master",
        ),
        (
            "Senior Associate",
            "Position: Technical Project Manager\nPlan releases.",
            "technical_project_manager",
        ),
        ("Manager", "Run our retail store: staff rotas, stock, customer service.", "other"),
        # A programme of the company's footprint is no technical programme, at any level.
        (
            "Principal Program Manager, Sustainability",
            "Lead our datacenter decarbonisation programme with engineering and finance.",
            "non_technical_project_manager",
        ),
        # A programme for the company's people is no technical programme either.
        (
            "Senior Program Manager – People Operations",
            "Run our HR programmes: onboarding, performance cycles and the HRIS rollout.",
            "non_technical_project_manager",
        ),
        # The last noun is the job: one who trains people for project certificates trains.
        (
            "Project Management Trainer (PMP / CAPM)",
            "Deliver PMP and CAPM exam-preparation batches to working professionals.",
            "other",
        ),
        # "Internal" is no misspelt "Intern": an IT project manager for internal systems.
        (
            "IT Project Manager, Internal Systems",
            "Run our internal IT projects: Okta, M365 and ServiceNow rollouts. 5+ years.",
            "it_project_manager",
        ),
        (
            "Internship - PMO",
            "Support the technology PMO with status reports.",
            "technical_project_assistant",
        ),
        # A grade whose field is projects: the field says which (a bank's "Scale IV" grade).
        (
            "Chief Manager – IT Projects (Scale IV)",
            "Manage the bank's IT projects: core banking upgrade and data centre migration.",
            "it_project_manager",
        ),
        ("Sales Manager – ERP Projects", "Win new ERP implementation deals; own a quota.", "other"),
        (
            "Gestionnaire de programme – Transformation numérique",
            "Piloter le programme TI.",
            "technical_program_manager",
        ),
        (
            "Chargé de projets – Infrastructures électriques",
            "Postes et lignes: chantiers.",
            "non_technical_project_manager",
        ),
        (
            "Implementation Coordinator",
            "Coordinate SaaS onboarding projects for customers.",
            "technical_project_assistant",
        ),
        # A trainee whose field is the PMO is a project assistant in the making.
        (
            "Graduate Trainee - PMO (Technology)",
            "Join the technology PMO: status reports, RAID logs and sprint trackers.",
            "technical_project_assistant",
        ),
        # A delivery manager's title names the field it delivers for: the duties decide.
        (
            "Delivery Manager - Clinical Rostering",
            "Lead the agile team of developers building the wards' rostering app: sprints, releases.",
            "delivery_manager",
        ),
        (
            "Delivery Manager - Events",
            "Plan venues, guests, conferences, exhibitions, sponsors and catering.",
            "other",
        ),
        # A hospital's or a lab's own systems are IT work; a vendor's technical role builds them.
        ("LIMS Implementation Project Manager", "Roll out LabWare across our QC labs.", "it_project_manager"),
        ("Director, EHR Program Management Office", "Govern the Epic portfolio.", "it_project_manager"),
        ("Technical Project Manager - LIMS", "Deliver our LIMS SaaS releases.", "technical_project_manager"),
        ("TPM - ML Infrastructure", "Lead GPU cluster programs.", "technical_program_manager"),
        # "Digital" is the NHS's word for its IT; an agency's digital projects are its clients'
        (
            "Digital Project Manager",
            "NHS Foundation Trust, Band 7 (Agenda for Change): deliver the trust's e-rostering rollout.",
            "it_project_manager",
        ),
        (
            "Digital Project Manager",
            "Deliver websites and apps for our clients: sprints, features, releases.",
            "technical_project_manager",
        ),
        # clinical and medical functions run programmes outside technology
        ("Medical Affairs Program Manager", "Plan advisory boards and KOL engagement.", "non_technical_project_manager"),
        ("Nursing Program Manager - Professional Practice", "RN licence required.", "non_technical_project_manager"),
        ("Project Manager - Clinical Data Management", "Lead CDM for phase III studies.", "non_technical_project_manager"),
        # a bank's own core systems; its lending operations, audits and inclusion programmes
        ("Project Manager - Core Banking (Finacle)", "Upgrade our Finacle core.", "it_project_manager"),
        ("Program Manager - Core Banking Transformation", "Lead the programme.", "technical_program_manager"),
        ("Loan Operations Project Manager", "Improve loan servicing.", "non_technical_project_manager"),
        ("Program Manager, Financial Inclusion", "Grants to community lenders.", "non_technical_project_manager"),
        # customer experience and support operations programmes are the business's own
        ("CX Program Manager, LatAm Delivery", "Run CX programmes.", "non_technical_project_manager"),
        ("Program Leader, AV Support Operations", "Support ops.", "non_technical_project_manager"),
        # a game studio's technical producer; German titles in their gendered forms; a
        # fulfilment centre's launch; a programme of tooling is technology
        ("Senior Technical Producer – Game Platform", "Own the engineering schedule.", "technical_project_manager"),
        ("Agile:r Projektmanager:in E-Commerce (m/w/d)", "Scrum, Jira.", "agile_project_manager"),
        ("Projektleiter:in Launch Fulfillment Center (m/w/d)", "Anlaufsteuerung.", "non_technical_project_manager"),
        ("Programme Manager, Localisation Tooling (TMS)", "Integrate our TMS APIs.", "technical_program_manager"),
        # a university's student and learning systems and its IT department; a CRM for NGOs
        ("Project Manager, Canvas LMS Migration", "Move courses to Canvas.", "it_project_manager"),
        ("Head of PMO – Digital & Technology Services", "Run the PMO.", "it_project_manager"),
        ("Project Coordinator – Salesforce NPSP for NGOs", "Configure Salesforce.", "technical_project_assistant"),
        # Chinese titles, simplified and traditional: the field first, then the role
        ("技术项目经理（支付）", "负责支付系统项目交付。", "technical_project_manager"),
        ("IT项目经理（金融科技）", "负责IT项目交付。", "it_project_manager"),
        ("營建專案經理", "負責工地施工進度。", "non_technical_project_manager"),
        ("專案助理（軟體開發）", "協助軟體專案。", "technical_project_assistant"),
        ("高级产品经理（跨境支付）", "负责产品规划。", "product_manager"),
        ("行政專案助理", "協助行政事務。", "other"),
        ("業務專案經理（資安解決方案）", "負責業績目標。", "other"),
        # the UK digital profession's first delivery grade
        ("Associate Delivery Manager", "Support agile teams delivering services.", "delivery_manager"),
        # Polish and German titles; a plant's MES is its IT; a body shop's launch is not
        ("Koordynator projektów IT (Open Banking)", "Koordynacja projektów IT.", "technical_project_assistant"),
        ("Analityk PMO (projekty regulacyjne IT)", "Raportowanie PMO.", "technical_project_assistant"),
        ("Projektmanager MES-Einführung (m/w/d) – Werk Dingolfing", "Einführung MES.", "it_project_manager"),
        ("Projektmanager (m/w/d) Fahrzeuganlauf Karosseriebau", "Anlauf im Werk.", "non_technical_project_manager"),
        # a technical project manager of DevOps, and a CI/CD project behind a gender tag
        ("Technical Project Manager DevOps (m/w/d)", "CI/CD, Kubernetes.", "devops_project_manager"),
        ("Projektmanager (m/w/d) CI/CD-Toolchain", "Jenkins, GitLab.", "devops_project_manager"),
    ],
)  # fmt: skip
def test_role_from_what_the_job_is(title: str, text: str, role: str) -> None:
    assert facts(text, title=title).role_variant == role


def test_a_requisition_id_is_no_level() -> None:
    found = facts("8+ years of program management.", title="Technical Program Manager (JR-8790)")
    assert found.seniority == "senior"


def test_a_longer_word_is_not_a_typo_of_a_shorter_one() -> None:
    """'Internal' starts with 'intern' but is another word: the level comes from the years."""
    found = facts(
        "5+ years of experience managing IT projects.", title="IT Project Manager, Internal Systems"
    )
    assert found.seniority == "mid"


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        ("Gestor(a) de Projetos DevOps", "devops_project_manager", None),
        ("Chef de projet technique DevOps (H/F)", "devops_project_manager", None),
        ("Analista de PMO Pleno", "technical_project_assistant", "mid"),
        ("Coordenador de Projetos Sênior", "technical_project_assistant", "senior"),
        # Selling to projects is sales.
        ("Project Coordinator - Inside Sales", "other", None),
        # An IT department's cloud migration is an IT project; a cloud platform's
        # programme a technical programme.
        ("IT-Projektmanager Cloud-Migration (m/w/d)", "it_project_manager", None),
        ("Programme Manager – Cloud Platform", "technical_program_manager", None),
        ("Project Manager – Cloud Migration", "devops_project_manager", None),
    ],
)
def test_role_and_level_of_titles_in_many_shapes(
    title: str, role: str, seniority: str | None
) -> None:
    found = facts(BOILER, title=title)
    assert found.role_variant == role
    if seniority:
        assert found.seniority == seniority


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        # A grade, then its field: the field names the job, the grade the level.
        ("Associate – Project Coordination (Remote)", "technical_project_assistant", "junior"),
        ("Senior Associate - PMO", "technical_project_assistant", "junior"),
        ("Analyst, PMO", "technical_project_assistant", None),
        # An analyst of something else who sits in the PMO is that analyst.
        ("Data Analyst – PMO (R-25066)", "other", None),
        ("Associate Director, PMO", "technical_program_manager", "principal"),
        # a consultancy's grade, its practice, then the PMO
        (
            "Consultant - Technology Consulting - PMO (Government)",
            "technical_project_assistant",
            None,
        ),
        ("Consultant - SAP FICO", "other", None),
    ],
)
def test_grade_titles_with_a_field(title: str, role: str, seniority: str | None) -> None:
    found = facts(BOILER, title=title)
    assert found.role_variant == role
    if seniority:
        assert found.seniority == seniority


@pytest.mark.parametrize(
    ("title", "text", "employment"),
    [
        # a product's contracts, a negated contract, an agency's time-limited placement
        (
            "Scrum Master (Contract Lifecycle Management)",
            "We make contract lifecycle software.",
            None,
        ),
        (
            "Senior Scrum Master",
            "This is a permanent, full-time position — not a contract role.",
            "permanent",
        ),
        ("Agile Scrum Master", "A 9-month assignment through our payroll (W2 hourly).", "contract"),
        ("Scrum Master - Direct Hire - Phoenix, AZ", "A direct hire with our client.", "permanent"),
        # the contracts the work deals in, not the hire's
        ("IT Project Manager", "You negotiate fixed-term contracts with cloud vendors.", None),
        ("IT Project Manager", "This is a 12-month fixed-term contract.", "contract"),
    ],
)
def test_terms_of_employment_as_staffing_postings_write_them(
    title: str, text: str, employment: str | None
) -> None:
    assert facts(text, title=title).employment == employment


def test_direct_hire_is_no_director() -> None:
    assert (
        facts("4+ years as a Scrum Master.", title="Scrum Master - Direct Hire").seniority == "mid"
    )
