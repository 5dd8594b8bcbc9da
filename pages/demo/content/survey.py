"""The Diversity Engagement Survey: why the school asked, who answered, and that results pages are coming.

No result figures appear here: the real ones are not in our sources, and a later issue adds
results pages built from (clearly labelled) sample data.
"""

from pages.models import StandardPage

from ..streams import call_to_action, faq, heading, key_figure, paragraph, table
from ..tree import Node

RESULTS_NOTE = (
    "<p>Detailed results pages are being prepared. Until they are ready, this site does not publish "
    "figures from the survey beyond the number of people who took part.</p>"
)


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
                "Inclusion in Human Resources championed the Diversity Engagement Survey at the school.</p>"
            ),
            key_figure("4,000+", "people answered the 2014-15 survey"),
            heading("What we heard"),
            paragraph(
                "<p>Most faculty and staff describe positive experiences at the School of Medicine. Some groups, "
                "however, report experiences that are less positive than others. Closing that gap is a focus of "
                "our office’s work.</p>"
            ),
            paragraph(RESULTS_NOTE),
            faq(
                "Questions about the survey",
                [
                    (
                        "Who could take part?",
                        "<p>Members of the School of Medicine community. More than 4,000 people responded to "
                        "the 2014-15 survey.</p>",
                    ),
                    (
                        "When will detailed results be published?",
                        "<p>The results pages are being prepared. We will publish them here when they are ready.</p>",
                    ),
                    (
                        "Will results for small groups be shown?",
                        "<p>No. Results for groups too small to protect people’s anonymity will be withheld.</p>",
                    ),
                ],
            ),
            call_to_action(
                "The 2014-15 survey",
                "Who took part and what the survey set out to explore.",
                ctx.page("survey/2014-15"),
                "Read about the 2014-15 survey",
            ),
        ],
    }


def administration_content(ctx):
    return {
        "search_description": (
            "The 2014-15 Diversity Engagement Survey at the School of Medicine: more than 4,000 respondents; "
            "detailed results pages are being prepared."
        ),
        "intro": (
            "How inclusive does our academic learning environment feel? In 2014-15 more than 4,000 people "
            "from across the School of Medicine gave us their answer through the Diversity Engagement Survey."
        ),
        "listing_summary": "The 2014-15 survey: more than 4,000 respondents. Detailed results pages are being prepared.",
        "listing_image": ctx.images["teaser-bars"],
        "body": [
            heading("The survey at a glance"),
            table(
                "The 2014-15 Diversity Engagement Survey at a glance",
                [("text", "Detail"), ("text", "2014-15")],
                [
                    ("Respondents", "More than 4,000"),
                    (
                        "Led by",
                        "Office of Diversity, Equity and Inclusion, Human Resources",
                    ),
                    (
                        "Explored",
                        "How inclusive the academic learning environment feels",
                    ),
                    ("Detailed results", "Being prepared"),
                ],
            ),
            key_figure("4,000+", "respondents", "2014-15 administration"),
            heading("Results"),
            paragraph(RESULTS_NOTE),
            call_to_action(
                "See what we are doing about it",
                "Training, career support and community partnerships are how the office works toward a more inclusive school.",
                ctx.page("training"),
                "Explore Diversity 1.0–4.0 training",
            ),
        ],
    }


def section():
    administration = Node(
        "2014-15",
        "2014-15 Diversity Engagement Survey",
        StandardPage,
        administration_content,
    )
    return Node(
        "survey",
        "Diversity Engagement Survey",
        StandardPage,
        index_content,
        show_in_menus=True,
        children=(administration,),
    )
