"""Demo survey section for `load_demo_content`: the results pages plus synthetic, labelled aggregates.

The office's real DES figures are not in our sources, so the 2014-15 administration is
synthetic (`is_sample`): a seeded random generator makes up respondents and their answers
(survey/synthetic.py), whose aggregates go through the real importer as CSV rows, so reruns
write nothing new. `load_demo_content` imports them before it builds the page tree, so the
results page is created (by the factory the tests use) already showing them. Item labels are our
own neutral short labels; the DES item wording is copyrighted and never stored.

The grouping of the eight inclusion factors into the three engagement clusters below is the
demo's own mapping, good enough to exercise the pages; a real import brings its own.
"""

import csv
import functools
import io
import random

from pages.demo.streams import call_to_action, faq, heading, key_figure, paragraph
from pages.demo.tree import Node

from . import synthetic
from .factories import SurveyResultsIndexPageFactory, SurveyResultsPageFactory
from .importing import COLUMNS, import_file
from .models import Administration, SurveyResultsPage

SURVEY = "des"
ADMINISTRATION = "2014-15"
RESPONDENTS = 4212
INVITED = 12630
SEED = 201415

CLUSTERS = [
    ("VISION", "Vision/Purpose", ["COMMON_PURPOSE", "TRUST", "CULTURAL_COMPETENCE"]),
    ("CAMARADERIE", "Camaraderie", ["BELONGING", "ATTRIBUTES", "RESPECT"]),
    ("APPRECIATION", "Appreciation", ["ACCESS", "REWARD"]),
]
FACTORS = {
    "COMMON_PURPOSE": "Common Purpose",
    "TRUST": "Trust",
    "CULTURAL_COMPETENCE": "Cultural Competence",
    "BELONGING": "Sense of Belonging",
    "ATTRIBUTES": "Appreciation of Individual Attributes",
    "RESPECT": "Respect",
    "ACCESS": "Access to Opportunity",
    "REWARD": "Equitable Reward and Recognition",
}
# 22 items, each a code and a short neutral label of our own (not the survey's wording).
ITEMS = {
    "COMMON_PURPOSE": ["Shared mission", "Values in practice", "Own work and mission"],
    "TRUST": ["Trust in leaders", "Fair handling of concerns", "Safe to speak up"],
    "CULTURAL_COMPETENCE": ["Skills across cultures", "Support for learning"],
    "BELONGING": ["Feeling welcome", "Part of the community", "Colleagues' support"],
    "ATTRIBUTES": ["Valued for who one is", "Background respected", "Perspectives used"],
    "RESPECT": ["Respectful treatment", "Free of demeaning remarks"],
    "ACCESS": ["Development opportunities", "Mentoring available", "Career advancement"],
    "REWARD": ["Fair recognition", "Fair pay and rewards", "Fair evaluation"],
}
# (dimension, [(group, n, parent)]); some groups are small enough to be withheld.
DIMENSIONS = [
    (
        "Role",
        [
            ("Faculty", 812, ""),
            ("Staff", 2804, ""),
            ("Staff: management", 296, "Staff"),
            ("Staff: non-management", 2441, "Staff"),
            ("Students and trainees", 455, ""),
            ("Postdoctoral researchers", 97, ""),
        ],
    ),
    (
        "Race/ethnicity",
        [
            ("Asian", 402, ""),
            ("Black or African American", 611, ""),
            ("Hispanic or Latino", 173, ""),
            ("White", 2688, ""),
            ("American Indian or Alaska Native", 4, ""),
            ("Native Hawaiian or Pacific Islander", 3, ""),
            ("Multiracial", 88, ""),
        ],
    ),
    (
        "Gender",
        [("Woman", 2731, ""), ("Man", 1288, ""), ("Nonbinary", 6, ""), ("Another gender", 2, "")],
    ),
    (
        "Sexual orientation",
        [("Heterosexual", 3390, ""), ("Gay or lesbian", 131, ""), ("Bisexual", 74, ""), ("Another orientation", 4, "")],
    ),
    ("Disability", [("Has a disability", 231, ""), ("No disability", 3712, "")]),
]
# The one dimension whose answered total is recorded (and below the respondents).
ANSWERED = {"Sexual orientation": 3599}


def measures():
    """(kind, code, name, parent) in survey order."""
    out = []
    for code, name, _ in CLUSTERS:
        out.append(("cluster", code, name, ""))
    number = 0
    for cluster_code, _, factor_codes in CLUSTERS:
        for factor in factor_codes:
            out.append(("factor", factor, FACTORS[factor], cluster_code))
    for _, _, factor_codes in CLUSTERS:
        for factor in factor_codes:
            for label in ITEMS[factor]:
                number += 1
                out.append(("item", f"Q{number:02d}", label, factor))
    return out


def _offset(offsets):
    """A respondent's attitude shift: the sum of their groups' (and sub-groups') offsets."""

    def shift(person):
        total = 0.0
        for dimension, label in person.groups.items():
            for group in label or ():
                total += offsets.get((dimension, group), 0.0)
        return total

    return shift


@functools.cache
def demo_respondents():
    """The 4,212 made-up respondents of 2014-15 with their answers (never stored; identical on every
    call): (people, measures, dimensions) as survey/synthetic.py takes them."""
    rng = random.Random(SEED)
    dimensions = [(name, groups, ANSWERED.get(name)) for name, groups in DIMENSIONS]
    people = synthetic.members(dimensions, RESPONDENTS, rng)
    all_measures = measures()
    items = [code for kind, code, _, _ in all_measures if kind == "item"]
    base = {item: rng.uniform(-0.05, 0.75) for item in items}
    offsets = {(name, group): rng.gauss(0, 0.3) for name, groups, _ in dimensions for group, _, _ in groups}
    synthetic.answer(people, items, rng, base, _offset(offsets), skip=0.008)
    return people, all_measures, dimensions


@functools.cache
def demo_rows():
    """The synthetic 2014-15 file as dicts: the aggregates of `demo_respondents()`, so every group's
    figures add up to the totals as real results do."""
    people, all_measures, dimensions = demo_respondents()
    return tuple(
        synthetic.rows(
            SURVEY,
            ADMINISTRATION,
            people,
            all_measures,
            dimensions,
            survey_name="Diversity Engagement Survey",
            fielded_from="2014-10-06",
            fielded_to="2014-11-14",
            invited=INVITED,
            response_rate=f"{100 * RESPONDENTS / INVITED:.1f}",
            sample="yes",
        )
    )


def demo_csv():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(demo_rows())
    return buffer.getvalue().encode()


def ensure_demo_data():
    """Import the synthetic administration (a no-op when it is already stored) and return it."""
    report = import_file(demo_csv())
    if not report.ok:
        raise ValueError("demo survey data is invalid: " + "; ".join(report.messages()[:5]))
    return Administration.objects.get(survey__slug=SURVEY, slug=ADMINISTRATION)


def index_content(ctx):
    return {
        "search_description": (
            "The Diversity Engagement Survey at the School of Medicine: more than 4,000 people took part in "
            "the 2014-15 survey of how inclusive our learning and working environment feels."
        ),
        "intro": (
            "Before we can serve the wider community well, we need to know whether our own students, staff and "
            "faculty feel welcome, respected and supported. The Diversity Engagement Survey helps us find out."
        ),
        "listing_summary": "What more than 4,000 colleagues told us about how inclusive the School of Medicine feels.",
        "listing_image": ctx.images["teaser-bars"],
        "body": [
            heading("About the survey"),
            paragraph(
                "<p>To take the measure of the climate across our community, the Office of Diversity, Equity and "
                "Inclusion in Human Resources championed the Diversity Engagement Survey at the school. It asks "
                "about eight inclusion factors, such as trust, respect and a sense of belonging, which together "
                "describe three kinds of engagement.</p>"
            ),
            key_figure("4,000+", "people answered the 2014-15 survey"),
            faq(
                "Questions about the survey",
                [
                    (
                        "Who could take part?",
                        "<p>Members of the School of Medicine community. More than 4,000 people responded to "
                        "the 2014-15 survey.</p>",
                    ),
                    (
                        "Why do the results pages say “sample data”?",
                        "<p>The figures on this demonstration site are synthetic. They show how results are "
                        "presented and are not the survey’s real results.</p>",
                    ),
                    (
                        "Are results for small groups shown?",
                        "<p>No. Figures about fewer than five people are withheld, together with any figure "
                        "that would let someone work them out.</p>",
                    ),
                ],
            ),
        ],
    }


def results_content(ctx):
    return {
        "search_description": (
            "Results of the 2014-15 Diversity Engagement Survey at the School of Medicine (sample data on this "
            "demonstration site): more than 4,000 respondents."
        ),
        "intro": (
            "How inclusive does our academic learning environment feel? In 2014-15 more than 4,000 people "
            "from across the School of Medicine gave us their answer through the Diversity Engagement Survey."
        ),
        "listing_summary": "The 2014-15 survey: more than 4,000 respondents, about a third of those invited.",
        "listing_image": ctx.images["teaser-bars"],
        "body": [
            heading("What we heard"),
            paragraph(
                "<p>Most faculty and staff describe positive experiences at the School of Medicine. Some groups, "
                "however, report experiences that are less positive than others. Closing that gap is a focus of "
                "our office’s work.</p>"
            ),
            call_to_action(
                "See what we are doing about it",
                "Training, career support and community partnerships are how the office works toward a more inclusive school.",
                ctx.page("training"),
                "Explore Diversity 1.0–4.0 training",
            ),
        ],
    }


def section(administration):
    """The survey pages; a new results page is created showing `administration`."""
    results = Node(
        ADMINISTRATION,
        "2014-15 Diversity Engagement Survey",
        SurveyResultsPageFactory,
        results_content,
        fields={"administration": administration},
    )
    return Node(
        "survey",
        "Diversity Engagement Survey",
        SurveyResultsIndexPageFactory,
        index_content,
        show_in_menus=True,
        children=(results,),
    )


def link_results(ctx, administration):
    """A results page left without figures (someone deleted them) shows the reimported ones again."""
    page = ctx.pages.get(f"survey/{ADMINISTRATION}")
    if isinstance(page, SurveyResultsPage) and page.administration_id is None:
        page.administration = administration
        page.save_revision(log_action=True).publish()
