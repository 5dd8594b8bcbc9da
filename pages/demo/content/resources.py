"""Reports and resources: the library page, its categories, and resources made when it is.

The documents are small files made in code (pages/demo/documents.py) under the names visitors
download them by; outside resources link to the organizations' own sites. Records are matched
by slug or title, so a rebuilt tree reuses them.
"""

import datetime

from pages.choices import Audience, ResourceDate
from pages.factories import ResourceCategoryFactory, ResourceFactory, ResourceLibraryPageFactory
from pages.models import Resource

from ..documents import ensure_document
from ..streams import heading, paragraph
from ..tree import Node

CATEGORIES = (("reports", "Reports"), ("toolkits", "Toolkits"), ("outside-resources", "Outside resources"))

ANNUAL_REPORT = (
    "The Office of Diversity, Equity and Inclusion supports staff, faculty and students across the "
    "School of Medicine (WUSM) through training, consultation and community partnerships.",
    "Training: more than 7,100 people have taken part in Level 1.0 of the Path to Inclusion "
    "diversity training, and some have gone on to complete every level up to 4.0. Participants "
    "rate the sessions overwhelmingly positively, and many ask to learn more.",
    "New employees meet Levels 1.0 and 2.0 at orientation; new managers take the 3.5-hour "
    "Unconscious Bias (UCB) training on the third day of New Manager Orientation.",
    "Beyond training, the office helps recruit and retain diverse staff and faculty, plans "
    "diversity and inclusion work with senior leaders, helps resolve conflicts, and offers "
    "seminars on cultural competence.",
    "This demo report is illustrative: it shows how a report appears in the resources library.",
)
ANNUAL_REPORT_TITLE = "Annual report 2024"

DES_SUMMARY = (
    "More than 4,000 members of the School of Medicine community answered the 2014-15 Diversity "
    "Engagement Survey, which asked how inclusive they find the academic learning environment.",
    "Most faculty and staff describe positive experiences, but some groups report less positive "
    "ones. Closing that gap is a focus of the office's work.",
    "The detailed results pages of this site use sample figures, labelled as such.",
)
DES_SUMMARY_TITLE = "Diversity Engagement Survey 2014-15: executive summary"

MEETINGS_TOOLKIT = (
    "Before the meeting: share the agenda and materials ahead of time, in accessible formats, "
    "and ask people what they need to take part.",
    "During the meeting: invite every voice, credit ideas to the people who raised them, and caption video calls.",
    "After the meeting: send notes to everyone, including those who could not attend.",
)
MEETINGS_TOOLKIT_TITLE = "Inclusive meetings toolkit"

HIRING_GUIDE = (
    "Write job descriptions around the skills the role needs, and advertise where diverse candidates look.",
    "Use the same structured questions with every candidate, and agree how answers are scored "
    "before the first interview.",
    "Managers who took the Unconscious Bias training will recognize these steps from day three "
    "of New Manager Orientation.",
)
HIRING_GUIDE_TITLE = "Inclusive hiring: a manager's checklist"


def ensure_resources():
    """The demo categories, documents and resources, creating only what is missing."""
    categories = {
        slug: ResourceCategoryFactory(slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(CATEGORIES)
    }
    report = ensure_document(ANNUAL_REPORT_TITLE, "odi-annual-report-2024.pdf", ANNUAL_REPORT)
    report_word = ensure_document(
        f"{ANNUAL_REPORT_TITLE} (accessible Word version)", "odi-annual-report-2024-accessible.docx", ANNUAL_REPORT
    )
    des = ensure_document(DES_SUMMARY_TITLE, "des-2014-15-executive-summary.pdf", DES_SUMMARY)
    meetings = ensure_document(MEETINGS_TOOLKIT_TITLE, "inclusive-meetings-toolkit.pdf", MEETINGS_TOOLKIT)
    hiring = ensure_document(HIRING_GUIDE_TITLE, "inclusive-hiring-checklist.pdf", HIRING_GUIDE)
    entries = (
        {
            "title": "ODEI annual report 2024",
            "summary": "A year of training, consultation and community work across the School of Medicine.",
            "category": categories["reports"],
            "document": report,
            "date": datetime.date(2025, 1, 15),
            "alternative_label": "Accessible Word version",
            "alternative_document": report_word,
        },
        {
            "title": DES_SUMMARY_TITLE,
            "summary": "What more than 4,000 respondents told us about inclusion at the school, in brief.",
            "category": categories["reports"],
            "document": des,
            "date": datetime.date(2015, 6, 30),
            "date_meaning": ResourceDate.AS_OF,
            "sort_order": 1,
        },
        {
            "title": MEETINGS_TOOLKIT_TITLE,
            "summary": "Practical steps for meetings where everyone can take part, before, during and after.",
            "category": categories["toolkits"],
            "audience": Audience.STAFF,
            "document": meetings,
            "date": datetime.date(2024, 9, 3),
        },
        {
            "title": HIRING_GUIDE_TITLE,
            "summary": "Structured steps that keep bias out of job descriptions, interviews and decisions.",
            "category": categories["toolkits"],
            "audience": Audience.FACULTY,
            "document": hiring,
            "date": datetime.date(2024, 11, 12),
            "sort_order": 1,
        },
        {
            "title": "AAMC equity, diversity and inclusion resources",
            "summary": "The Association of American Medical Colleges' reports, data and programs on diversity in medicine.",
            "category": categories["outside-resources"],
            "link": "https://www.aamc.org/about-us/equity-diversity-inclusion",
            "date": datetime.date(2025, 2, 1),
            "date_meaning": ResourceDate.AS_OF,
        },
        {
            "title": "Job Accommodation Network",
            "summary": "Free, confidential guidance on workplace accommodations for people with disabilities.",
            "category": categories["outside-resources"],
            "audience": Audience.COMMUNITY,
            "link": "https://askjan.org/",
            "date": datetime.date(2025, 2, 1),
            "date_meaning": ResourceDate.AS_OF,
            "sort_order": 1,
        },
    )
    existing = set(Resource.objects.values_list("title", flat=True))
    for entry in entries:
        if entry["title"] not in existing:
            ResourceFactory(**{"link": "", **entry})


def content(ctx):
    ensure_resources()
    return {
        "search_description": (
            "Annual reports, Diversity Engagement Survey summaries, toolkits and outside resources "
            "from the School of Medicine's Office of Diversity, Equity and Inclusion."
        ),
        "intro": "Reports on our work, toolkits for everyday inclusion, and resources from outside the school.",
        "listing_summary": "Annual reports, survey summaries, toolkits and outside resources.",
        "listing_image": ctx.images["teaser-bars"],
        "body": [
            heading("Find what you need"),
            paragraph(
                "<p>Choose a category to narrow the list. Each file says its type and size before you download "
                "it, and an accessible version is offered where we have one. If you need a document in another "
                "format, contact the office and we will provide it.</p>"
            ),
        ],
        "resources_heading": "Browse the library",
        "empty_message": "No resources are listed in this category yet.",
    }


def section():
    return Node("resources", "Reports and resources", ResourceLibraryPageFactory, content)
