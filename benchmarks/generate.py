"""Write a realistic, deterministic jobjournal of N applications for benchmarks.

Performance numbers only mean something on journals that look like real ones: every field of
FORMAT.md in use, people who are referred to by name in the log, consistent timelines, and
notes of a few hundred words with the Markdown constructs people actually write. This module
makes such a journal from fixed name lists and `random.Random(seed)`, so the same (N, seed)
always gives byte-identical files and timings can be compared between commits.

Everything written is valid for the format (no unknown keys, valid `did` values, `to` naming a
person of the same application, milestones in order, nothing dated after TODAY). Advice
findings (missing thank-yous, overdue follow-ups, ...) are expected: real journals have them.

    python benchmarks/generate.py OUT N [--seed 42]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

TODAY = date(2026, 11, 25)  # the `--today` of every benchmark run; nothing is dated after it
# Log entries, milestones and `done` must not be in the future at `--today` (12:00): keep them
# to the day before, so the journal stays valid whatever hour "now" is taken to be.
LAST_PAST_DAY = TODAY - timedelta(days=1)
FIRST_APPLIED = date(2025, 1, 6)
LAST_APPLIED = date(2026, 11, 10)

FIRST_NAMES = [
    "Aisha", "Tom", "Priya", "Mo", "Helen", "James", "Olivia", "Raj", "Sofia", "Daniel",
    "Grace", "Hamza", "Chloe", "Liam", "Zara", "Ethan", "Amelia", "Kwame", "Isla", "Noah",
    "Fatima", "Oscar", "Mei", "Jack", "Nadia", "Lucas", "Ruby", "Arjun", "Ella", "Samuel",
    "Hannah", "Yusuf", "Freya", "Connor", "Leah", "Tariq", "Emily", "Ben", "Sana", "Harry",
    "Imogen", "Kofi", "Lily", "Matteo", "Erin", "Omar", "Poppy", "Dev", "Niamh", "Callum",
]
LAST_NAMES = [
    "Rahman", "Becker", "Shah", "Green", "Ward", "Okafor", "Hughes", "Patel", "Rossi", "Murphy",
    "Clarke", "Khan", "Evans", "Nguyen", "Walsh", "Campbell", "Ahmed", "Fraser", "Kowalski",
    "Mensah", "Taylor", "Davies", "Singh", "Thompson", "Moreno", "Lewis", "Chen", "Robinson",
    "Ali", "Wright", "Baker", "Hussain", "Edwards", "Kaur", "Doyle", "Harris", "Jones", "Wood",
    "Novak", "Turner", "Begum", "Walker", "Morgan", "Adeyemi", "Price", "Lindqvist", "Cooper",
    "Bennett", "Dubois", "Fitzgerald",
]
RECRUITERS = [  # (name, agency): a small pool, as in a real search, so recruiters recur
    ("Priya Shah", "Hays"), ("Daniel Murphy", "Hays"), ("Grace Okafor", "Michael Page"),
    ("Liam Walsh", "Michael Page"), ("Sofia Rossi", "Robert Walters"),
    ("Hamza Khan", "Robert Walters"), ("Chloe Evans", "Reed"), ("Kwame Mensah", "Reed"),
    ("Isla Fraser", "Harvey Nash"), ("Oscar Lindqvist", "Harvey Nash"),
    ("Mei Chen", "Morgan McKinley"), ("Jack Doyle", "Morgan McKinley"),
    ("Nadia Hussain", "Hanson Regan"), ("Ruby Price", "Hanson Regan"),
    ("Arjun Kaur", "Oscar Associates"), ("Ella Cooper", "Oscar Associates"),
    ("Samuel Adeyemi", "La Fosse"), ("Freya Bennett", "La Fosse"),
    ("Tariq Ali", "Spencer Ogden"), ("Niamh Fitzgerald", "Spencer Ogden"),
]
COMPANY_FIRST = [
    "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Hooli", "Vandelay",
    "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Gringotts", "Oceanic", "Aperture", "Massive",
    "Pied Piper", "Monarch", "Dunder", "Sterling", "Bluth", "Prestige", "Blackwood", "Kestrel",
    "Harbour", "Pennine", "Thames", "Severn", "Cairn", "Lark", "Heron", "Quarry", "Fenwick",
    "Ashdown", "Brightwater", "Copperfield", "Driftwood", "Evergreen", "Foxglove",
]
COMPANY_SECOND = [
    "Analytics", "Systems", "Health", "Energy", "Logistics", "Bank", "Insurance", "Retail",
    "Software", "Labs", "Media", "Foods", "Housing", "Consulting", "Partners", "Group",
    "Technologies", "Mobility", "Learning", "Water",
]
ROLES = [
    "Data Analyst", "Senior Data Analyst", "Data Engineer", "Analytics Engineer",
    "BI Developer", "Product Analyst", "Data Scientist", "Machine Learning Engineer",
    "Software Engineer", "Senior Software Engineer", "Backend Developer", "Frontend Developer",
    "DevOps Engineer", "Platform Engineer", "QA Engineer", "Product Manager",
    "Project Manager", "Business Analyst", "HR Partner", "HR Advisor", "Finance Analyst",
    "Management Accountant", "Marketing Manager", "Content Designer", "UX Researcher",
    "UX Designer", "Customer Success Manager", "Operations Manager", "Technical Writer",
    "Security Analyst",
]
TITLES = [
    "Head of Data", "Engineering Manager", "HR Advisor", "Talent Partner", "CTO",
    "Team Lead", "Senior Engineer", "Director of Operations", "Hiring Manager",
    "Principal Analyst", "Product Director", "People Partner", "Finance Director",
]
CONTACT_TITLES = ["HR Advisor", "Talent Acquisition Partner", "Hiring Manager", "People Partner",
                  "Recruitment Coordinator", "Office Manager"]
RELATIONS = ["former line manager", "former colleague", "PhD supervisor",
             "team lead at my last job", "client from a consulting project", "former director"]
REFERENCE_DOMAINS = ["uni.example", "oldjob.example", "mail.example", "consult.example"]
CITIES = ["Leeds", "Manchester", "London", "Bristol", "Birmingham", "Sheffield", "York",
          "Edinburgh", "Glasgow", "Cardiff", "Nottingham", "Newcastle", "Remote (UK)"]
WORK_MODES = ["hybrid", "office", "remote", "2 days in office", "hybrid, 3 days"]
SOURCES = ["Hays", "LinkedIn", "Reed", "company website", "referral", "Indeed", "Michael Page",
           "Robert Walters", "Otta", "Guardian Jobs"]
TAGS = ["data", "hybrid", "remote", "python", "sql", "finance", "public-sector", "startup",
        "big-company", "contract", "permanent", "leadership", "dream-job", "backup", "relocation"]
STAGES = [("Phone screen", "phone"), ("First interview", "video"),
          ("Technical interview", "video"), ("Second interview", "in-person"),
          ("Final interview", "in-person"), ("Panel interview", "in-person"),
          ("Assessment centre", "in-person"), ("Culture fit chat", "video")]
SKILLS = ["SQL", "Python", "dbt", "Airflow", "Power BI", "Tableau", "stakeholder management",
          "A/B testing", "Kubernetes", "Terraform", "forecasting", "data modelling", "React",
          "accessibility", "budgeting", "incident response"]
MAX_PAIRS = len(COMPANY_FIRST) * len(COMPANY_SECOND) * len(ROLES)
FOLLOWUP_WHAT = [
    "Send {p} the dashboard sample they asked for",
    "Update CV with the {s} project before the next round",
    "Prepare a short presentation on {s}",
    "Look up {c}'s annual report",
    "Ask {r} about the notice period question",
    "Book a practice session on {s} case questions",
    "Email {p} the portfolio link",
    "Check travel times to the {c} office",
]

OPENING = [
    "{c} came up through {src} and the {role} role matches what I want to do next.",
    "I have followed {c} for a while; the {role} opening looks like a real step up.",
    "{r} called about this {role} role at {c} and it sounded promising from the start.",
    "The team at {c} is growing and the {role} post would let me lead work on {s}.",
]
FILLER = [
    "The job description puts a lot of weight on {s}, which is where most of my recent work sits.",
    "The salary band is fair for {city}, and the benefits look better than at my current job.",
    "I want to understand how the team decides what to work on and who sets the priorities.",
    "Their engineering blog mentions a migration that sounds a lot like the one I led last year.",
    "Glassdoor reviews are mixed on management but consistently good on flexibility and training.",
    "The commute would be about forty minutes each way on the days I need to be in the office.",
    "I should prepare two concrete stories about {s}: one that went well and one that did not.",
    "{p} seemed genuinely interested in how I handle disagreements with stakeholders.",
    "They use a four-stage process, so I should pace myself and keep other applications going.",
    "It would be worth asking how success is measured in the first six months of the role.",
    "The office is close to the station, which matters for the days when trains are unreliable.",
    "I noticed they recently hired a new director, so the team structure may still be settling.",
    "My notes from the first call say they care about documentation and clear written updates.",
    "There is a take-home exercise in the process; they said it should take about three hours.",
    "If this goes ahead I need to check the notice period and holiday already booked in spring.",
    "{r} said the team had interviewed several people already, so speed matters here.",
]
QUESTIONS = [
    "What does a typical week look like for the team?",
    "How do you support learning and conferences?",
    "What is the biggest challenge for the person in this role in the first year?",
    "How is on-call or out-of-hours work handled?",
    "How do you measure success for this role after six months?",
    "Who would I work with most closely day to day?",
    "What happened to the last person in this role?",
    "How are priorities agreed between teams?",
]
PREP = [
    "Re-read the job description and map each requirement to an example",
    "Review my {s} project and the numbers behind it",
    "Practise the \"tell me about yourself\" answer out loud",
    "Look up {p} on the company website",
    "Prepare a one-page summary of my last two roles",
    "Check the route and leave twenty minutes early",
    "Print two copies of my CV",
    "Revise STAR examples about conflict, failure and leadership",
]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _email(name: str, domain: str) -> str:
    return f"{_slugify(name).replace('-', '.')}@{domain}"


def _phone(rng: random.Random) -> str:
    area = rng.choice(["113", "161", "20", "117", "121", "114", "131", "141", "29"])
    return f"+44 {area} 496 {rng.randint(0, 999):04d}"


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _dt(value: datetime) -> str:
    """A date-time as people type it: `YYYY-MM-DD HH:MM` (journal time zone)."""
    return value.strftime("%Y-%m-%d %H:%M")


class _People:
    """Hands out distinct names within one application, so `to` resolves unambiguously."""

    def __init__(self, rng: random.Random, taken: list[str]) -> None:
        self.rng = rng
        self.taken = {t.casefold() for t in taken}

    def name(self) -> str:
        while True:
            full = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if full.casefold() not in self.taken:
                self.taken.add(full.casefold())
                return full


def _notes(rng: random.Random, ctx: dict[str, str], target_words: int) -> str:
    def fill(template: str) -> str:
        return template.format(**ctx)

    prep = rng.sample(PREP, 4)
    questions = rng.sample(QUESTIONS, 3)
    low = rng.randint(40, 70)
    parts = [
        "## Why this role",
        "",
        " ".join(fill(s) for s in [rng.choice(OPENING), *rng.sample(FILLER, 2)]),
        "",
        "## Preparation",
        "",
        *(f"- {fill(p)}" for p in prep),
        "",
        "### Questions to ask",
        "",
        *(f"1. {q}" for q in questions),
        "",
        "## Offer comparison",
        "",
        "| | Current job | " + ctx["c"] + " |",
        "|---|---|---|",
        f"| Salary | £{low - rng.randint(3, 8)},000 | £{low},000–£{low + rng.randint(4, 9)},000 |",
        f"| Holiday | 25 days | {rng.choice([25, 27, 28, 30])} days |",
        f"| Office days | 3 | {rng.randint(0, 5)} |",
        "",
        "## Impressions",
        "",
    ]
    words = sum(len(p.split()) for p in parts)
    impressions: list[str] = []
    pool = FILLER[:]
    rng.shuffle(pool)
    while words < target_words:
        if not pool:
            pool = FILLER[:]
            rng.shuffle(pool)
        sentence = fill(pool.pop())
        impressions.append(sentence)
        words += len(sentence.split())
    # two paragraphs, the second with a little inline emphasis
    half = max(1, len(impressions) // 2)
    parts.append(" ".join(impressions[:half]))
    parts.append("")
    parts.append("**Gut feeling:** " + " ".join(impressions[half:]))
    return "\n".join(parts) + "\n"


def _application(rng: random.Random, used: set[str]) -> tuple[dict[str, Any], str, str]:
    """One application: (front matter, notes, file stem). Timeline first, then people, then log.

    Company and role pairs are not repeated (while the lists allow), so the journal has no
    duplicate live applications (JJ006) however large it is.
    """
    while True:
        company = f"{rng.choice(COMPANY_FIRST)} {rng.choice(COMPANY_SECOND)}"
        role = rng.choice(ROLES)
        if f"{company}/{role}" not in used or len(used) >= MAX_PAIRS:
            used.add(f"{company}/{role}")
            break
    domain = _slugify(company).replace("-", "") + ".example"
    rec_name, agency = rng.choice(RECRUITERS)
    people = _People(rng, [rec_name])
    recruiter_email = _email(rec_name, _slugify(agency).replace("-", "") + ".recruit.example")
    # A recruiter's phone belongs to the recruiter, not to the application.
    rec_rng = random.Random(rec_name)
    recruiter = {"name": rec_name, "agency": agency, "email": recruiter_email,
                 "phone": _phone(rec_rng)}

    # ---- timeline -------------------------------------------------------------------------
    span = (LAST_APPLIED - FIRST_APPLIED).days
    applied = FIRST_APPLIED + timedelta(days=rng.randint(0, span))
    i1_day = min(_weekday(applied + timedelta(days=rng.randint(4, 14))), TODAY - timedelta(days=1))
    i2_day = min(_weekday(i1_day + timedelta(days=rng.randint(3, 12))), TODAY)
    i1 = datetime.combine(i1_day, time(rng.randint(9, 16), rng.choice([0, 30])))
    hour2 = rng.randint(13, 16) if i2_day == TODAY else rng.randint(9, 16)
    i2 = datetime.combine(i2_day, time(hour2, rng.choice([0, 30])))
    now = datetime.combine(TODAY, time(12, 0))
    i2_past = i2 < now

    outcome = rng.choices(["live", "rejected", "ghosted", "withdrawn", "offer"],
                          weights=[40, 35, 10, 7, 8])[0]
    milestones: dict[str, date] = {"applied": applied}
    cancelled: date | None = None
    if outcome == "withdrawn":
        gap = (i2_day - i1_day).days
        if gap >= 2 and i2_past:
            cancelled = i1_day + timedelta(days=rng.randint(1, gap - 1))
            milestones["withdrawn"] = cancelled
        elif i2_past:
            milestones["withdrawn"] = i2_day + timedelta(days=rng.randint(1, 5))
    elif outcome in ("rejected", "offer") and i2_past:
        milestones[outcome] = i2_day + timedelta(days=rng.randint(2, 12))
        if outcome == "offer" and rng.random() < 0.15:
            milestones["signed"] = milestones["offer"] + timedelta(days=rng.randint(2, 7))
    elif outcome == "ghosted" and i2_past:
        milestones["ghosted"] = i2_day + timedelta(days=rng.randint(21, 40))
    # a milestone that would land in the future has simply not happened yet: the app is live
    for key in [k for k, v in milestones.items() if v > LAST_PAST_DAY]:
        del milestones[key]
        if key == "withdrawn":
            cancelled = None

    # ---- people -----------------------------------------------------------------------------
    contacts = [
        {"name": people.name(), "title": rng.choice(CONTACT_TITLES)}
        for _ in range(rng.randint(1, 2))
    ]
    for contact in contacts:
        contact["email"] = _email(contact["name"], domain)

    def interviewer() -> dict[str, Any] | str:
        name = people.name()
        if rng.random() < 0.3:
            return name  # a plain name: not in direct contact
        person: dict[str, Any] = {"name": name, "title": rng.choice(TITLES),
                                  "email": _email(name, domain)}
        if rng.random() < 0.1:
            person["linkedin"] = f"https://www.linkedin.com/in/{_slugify(name)}"
        return person

    stages = rng.sample(STAGES, 2)
    interviews: list[dict[str, Any]] = []
    for at, (stage, fmt) in ((i1, stages[0]), (i2, stages[1])):
        minutes = rng.choice([30, 45, 60, 60, 90])
        where = {"video": rng.choice(["Teams link in the invite", "Zoom", "Google Meet"]),
                 "phone": "They will call my mobile",
                 "in-person": f"{rng.choice(CITIES[:-1])} office, reception on the ground floor"}
        interview: dict[str, Any] = {"at": _dt(at), "minutes": minutes, "stage": stage,
                                     "format": fmt, "where": where[fmt],
                                     "with": [interviewer() for _ in range(rng.randint(1, 2))]}
        if rng.random() < 0.7:
            interview["debrief"] = rng.choice(["i-call", "they-call"])
        hear = at.date() + timedelta(days=rng.randint(3, 10))
        if rng.random() < 0.6 and hear <= TODAY:
            interview["hear_back_by"] = hear
        if fmt == "in-person" and rng.random() < 0.5:
            interview["time_off"] = True
        interviews.append(interview)
    if cancelled is not None:
        interviews[1]["cancelled"] = cancelled
        interviews[1]["cancelled_by"] = "me"
        interviews[1]["notes"] = "Withdrew before this round."

    references: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 2)):
        name = people.name()
        prefix = rng.choice(["", "", "Dr "])
        references.append({"name": prefix + name, "relation": rng.choice(RELATIONS),
                           "email": _email(name, rng.choice(REFERENCE_DOMAINS))})
    if "offer" in milestones:
        for ref in references:
            ref["contacted"] = max(i2_day, milestones["offer"] - timedelta(days=rng.randint(0, 2)))

    # ---- log: what I did, with `to` naming people of this application -------------------------
    def person_name(p: dict[str, Any] | str) -> str:
        return p if isinstance(p, str) else p["name"]

    def at_time(day: date, lo: int = 9, hi: int = 20) -> str:
        return _dt(datetime.combine(day, time(rng.randint(lo, hi), rng.choice([0, 10, 25, 40]))))

    pre_days = max(1, (i1_day - applied).days)
    candidates: list[dict[str, Any]] = [
        {"on": applied, "did": "note", "note": f"Applied via {rng.choice(SOURCES)}."},
        {"on": at_time(applied + timedelta(days=rng.randint(0, pre_days - 1))),
         "did": "linkedin", "to": rec_name},
        {"on": at_time(applied + timedelta(days=rng.randint(0, pre_days - 1))),
         "did": "check-in", "to": rec_name, "note": "Quick call about the process."},
        {"on": applied + timedelta(days=rng.randint(0, pre_days - 1)),
         "did": "meeting", "to": rec_name, "note": "Coffee near their office."},
    ]
    shared = applied + timedelta(days=rng.randint(0, pre_days - 1))
    candidates.append({"on": shared, "did": "references-shared", "to": rec_name})
    for ref in references:
        candidates.append({"on": shared, "did": "heads-up", "to": ref["name"]})
        if "contacted" in ref and ref["contacted"] + timedelta(days=1) <= LAST_PAST_DAY:
            candidates.append({"on": ref["contacted"] + timedelta(days=1), "did": "thank-you",
                               "to": ref["name"]})
    for interview, start in ((interviews[0], i1), (interviews[1], i2)):
        if "cancelled" in interview or start >= now:
            continue
        end = start + timedelta(minutes=interview["minutes"])
        candidates.append({"on": _dt(end + timedelta(minutes=rng.randint(15, 120))),
                           "did": "recruiter-debrief",
                           "note": rng.choice(["Went well.", "Mixed; the case study was hard.",
                                               "Strong rapport with the panel."])})
        for p in interview["with"]:
            entry: dict[str, Any] = {"on": _dt(end + timedelta(hours=rng.randint(2, 20))),
                                     "did": "thank-you", "to": person_name(p)}
            if isinstance(p, str):
                entry["via"] = "recruiter"
            candidates.append(entry)
        hear = interview.get("hear_back_by")
        if hear is not None and hear + timedelta(days=1) <= LAST_PAST_DAY:
            candidates.append({"on": hear + timedelta(days=1), "did": "chased", "to": rec_name})
    if "rejected" in milestones:
        day = milestones["rejected"]
        candidates.append({"on": day, "did": "thank-you", "to": rec_name})
        candidates.append({"on": day + timedelta(days=rng.randint(0, 1)),
                           "did": "feedback-requested", "to": rec_name})
    if "offer" in milestones:
        day = milestones["offer"] + timedelta(days=1)
        first = person_name(interviews[0]["with"][0])
        candidates.append({"on": day, "did": "linkedin", "to": first})

    def sort_key(entry: dict[str, Any]) -> str:
        on = entry["on"]
        return on if isinstance(on, str) else on.isoformat() + " 00:00"

    candidates = [c for c in candidates if sort_key(c)[:10] <= LAST_PAST_DAY.isoformat()]
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(3, 6)))
    log = sorted(chosen, key=sort_key)

    # ---- follow-ups ---------------------------------------------------------------------------
    ctx = {"c": company, "role": role, "r": rec_name, "s": rng.choice(SKILLS),
           "p": person_name(interviews[0]["with"][0]), "src": rng.choice(SOURCES),
           "city": rng.choice(CITIES)}
    followups: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 2)):
        due = min(applied + timedelta(days=rng.randint(1, 30)), TODAY)
        item: dict[str, Any] = {"due": due, "what": rng.choice(FOLLOWUP_WHAT).format(**ctx)}
        if rng.random() < 0.6 and due <= LAST_PAST_DAY:
            item["done"] = min(due + timedelta(days=rng.randint(-1, 2)), LAST_PAST_DAY)
        followups.append(item)

    # ---- assemble in the order a person would write it ----------------------------------------
    city = rng.choice(CITIES)
    low = rng.randint(30, 85)
    fm: dict[str, Any] = {"company": company, "role": role}
    for key in ("applied", "offer", "signed", "rejected", "withdrawn", "ghosted"):
        if key in milestones:
            fm[key] = milestones[key]
    fm["location"] = city if city.startswith("Remote") else f"{city} ({rng.choice(WORK_MODES)})"
    fm["link"] = f"https://careers.{domain}/jobs/{rng.randint(1000, 99999)}"
    fm["salary"] = f"£{low},000–£{low + rng.randint(3, 12)},000"
    fm["source"] = rng.choice(SOURCES)
    fm["tags"] = sorted(rng.sample(TAGS, rng.randint(1, 3)))
    fm["recruiter"] = recruiter
    fm["contacts"] = contacts
    fm["interviews"] = interviews
    fm["references"] = references
    fm["log"] = log
    fm["followups"] = followups
    if rng.random() < 0.05:
        fm["ignore"] = {"JJ104": "Thanked everyone in person on the way out"}

    notes = _notes(rng, ctx, rng.randint(330, 370))
    stem = f"{_slugify(company)}-{_slugify(role)}"
    return fm, notes, f"{applied.year}/{stem}"


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: ~5x faster


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Block style, but short string lists (tags) inline as people write them."""


def _represent_list(dumper: Any, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(isinstance(x, str) for x in data) and len(data) <= 4 and all(
        re.fullmatch(r"[a-z0-9-]+", x) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)

CONFIG = """\
title = "Job search (benchmark journal, {n} applications)"
timezone = "Europe/London"
working_hours = "Mon-Fri 09:00-17:30"
"""


_QUOTED_ON = re.compile(r"^([ -]*)'on':", re.MULTILINE)


def render_file(front_matter: dict[str, Any], notes: str) -> str:
    body = yaml.dump(front_matter, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1000)
    # PyYAML quotes the key `on` (a YAML 1.1 boolean); people write it bare, as FORMAT.md does.
    body = _QUOTED_ON.sub(r"\1on:", body)
    return f"---\n{body}---\n\n{notes}"


def generate(folder: Path, n: int, seed: int = 42) -> list[Path]:
    """Write `n` applications (plus `jobjournal.toml`) into `folder`; return the files written.

    `folder` must not exist or be empty, so a journal never mixes two generations.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    (folder / "jobjournal.toml").write_text(CONFIG.format(n=n), encoding="utf-8", newline="\n")
    (folder / ".gitignore").write_text("_site/\n.jobjournal-cache/\n", encoding="utf-8",
                                       newline="\n")
    written: list[Path] = []
    seen: dict[str, int] = {}
    used: set[str] = set()
    for _ in range(n):
        fm, notes, slug = _application(rng, used)
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        if count > 1:
            slug = f"{slug}-{count}"
        path = folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_file(fm, notes), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="journal folder to create (must be empty)")
    parser.add_argument("n", type=int, help="number of applications")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    try:
        files = generate(args.out, args.n, args.seed)
    except FileExistsError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} applications to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
