"""News and stories: the news index, three topics and six articles dated back from the load day.

The stories are illustrative (the index says so) and retell facts of the office's own site in
this project's words. Dates are computed only when an article is created, so a rerun leaves
them alone. Authors are demo people if the demo has any, else the office writes as itself.
"""

import datetime

from django.utils import timezone

from pages.factories import ArticlePageFactory, NewsIndexPageFactory, NewsTopicFactory
from pages.models import Person

from ..streams import call_to_action, heading, paragraph
from ..tree import Node

TOPICS = (
    ("training", "Training"),
    ("community", "Community"),
    ("survey", "Survey"),
)


def topics():
    """{slug: NewsTopic} for the demo topics, creating only the missing ones."""
    return {slug: NewsTopicFactory(slug=slug, name=name) for slug, name in TOPICS}


def index_content(ctx):
    return {
        "search_description": "News and stories from the Office of Diversity, Equity & Inclusion at the School of Medicine.",
        "intro": "What the office has been working on: training milestones, community partnerships and what our survey tells us.",
        "listing_summary": "News and stories from the office.",
        "listing_image": ctx.images["teaser-nodes"],
        "body": [
            paragraph(
                "<p>These stories are illustrative demo content: the events and people in them are examples, "
                "while the figures come from the office’s published work.</p>"
            ),
        ],
    }


def author(position):
    """The demo person at `position` among those listed on the team page (wrapping round), or None."""
    people = list(Person.objects.filter(on_team_page=True).order_by("sort_order", "name")[:3])
    return people[position % len(people)] if people else None


def article(slug, title, days_ago, topic_slugs, summary, body, *, image="teaser-circles", writer=0):
    def content(ctx):
        chosen = topics()
        return {
            "date": timezone.localdate() - datetime.timedelta(days=days_ago),
            "intro": summary,
            "listing_summary": summary,
            "listing_image": ctx.images[image],
            "author": author(writer),
            "topics": [chosen[slug] for slug in topic_slugs],
            "body": body(ctx),
        }

    return Node(slug, title, ArticlePageFactory, content)


def participation_body(ctx):
    return [
        paragraph(
            "<p>The office’s count of people who have taken Diversity 1.0 has passed 7,100, from every part of "
            "the medical school. Each of the four levels is a one-hour session, and a growing group of "
            "participants has carried on all the way to Level 4.0.</p>"
        ),
        heading("What participants say"),
        paragraph(
            "<p>Session evaluations have been overwhelmingly positive. Many people tell us they want to keep "
            "learning about diversity, equity and inclusion after their first session, which is why the later "
            "levels are offered throughout the year.</p>"
        ),
        call_to_action(
            "Continue the path",
            "See the four levels and book your next session.",
            ctx.page("training"),
            "Explore Diversity 1.0–4.0 training",
        ),
    ]


def managers_body(ctx):
    return [
        paragraph(
            "<p>Every new manager at the school now spends the third day of New Manager Orientation in "
            "Unconscious Bias Training for Managers, known as UCB. The session runs for three and a half hours "
            "and looks at how biases we are not aware of can shape hiring, feedback and everyday decisions.</p>"
        ),
        paragraph(
            "<p>Managers leave with practical habits for noticing those moments and reducing their effect on "
            "the people they lead.</p>"
        ),
        call_to_action(
            "For new managers",
            "What the session covers and when it runs.",
            ctx.page("training/unconscious-bias-for-managers"),
            "Read about Unconscious Bias Training for Managers",
        ),
    ]


def orientation_body(ctx):
    return [
        paragraph(
            "<p>New employees begin the Path to Inclusion in their first days at the School of Medicine: "
            "Levels 1.0 and 2.0 are part of orientation for everyone who joins. Levels 3.0 and 4.0 follow "
            "whenever colleagues are ready.</p>"
        ),
        paragraph(
            "<p>Starting early means that people across departments share the same language for talking about "
            "bias and inclusion from the beginning.</p>"
        ),
    ]


def voices_body(ctx):
    return [
        paragraph(
            "<p>Our Community Voices series invites experts with diverse backgrounds from across the "
            "St. Louis region to share what they know with the school. This season’s speakers focus on the "
            "experience of veterans and of people with disabilities in health care workplaces.</p>"
        ),
        call_to_action(
            "Hear them in person",
            "Community Voices talks are free and open to all staff, faculty and students.",
            ctx.page("events"),
            "See upcoming campus events",
        ),
    ]


def partners_body(ctx):
    return [
        paragraph(
            "<p>The office works with community groups whose services meet the school’s diversity and "
            "inclusion goals, in four areas: underrepresented minorities, women, veterans and people with "
            "disabilities. Working together helps us understand one another and work well across identity "
            "groups.</p>"
        ),
        call_to_action(
            "Our partners",
            "Meet the organizations we work with and the areas they focus on.",
            ctx.page("community-engagement"),
            "Explore community engagement",
        ),
    ]


def survey_body(ctx):
    return [
        paragraph(
            "<p>More than 4,000 members of the School of Medicine community answered the 2014-15 Diversity "
            "Engagement Survey, which asked how inclusive our learning and working environment feels.</p>"
        ),
        heading("What we learned"),
        paragraph(
            "<p>Most faculty and staff describe positive experiences, but some groups report less positive ones "
            "than others. Closing that gap is what the office has devoted its energy to since.</p>"
        ),
        call_to_action(
            "See the results",
            "Scores by factor and by group, with the figures behind every chart.",
            ctx.page("survey"),
            "View the Diversity Engagement Survey results",
        ),
    ]


ARTICLES = (
    article(
        "7100-colleagues-on-the-path-to-inclusion",
        "More than 7,100 colleagues have started the Path to Inclusion",
        12,
        ("training",),
        "Diversity 1.0 participation passes 7,100 across the medical school, and some participants have gone on to Level 4.0.",
        participation_body,
        image="teaser-steps",
        writer=0,
    ),
    article(
        "unconscious-bias-training-for-new-managers",
        "Unconscious bias training is day three for every new manager",
        38,
        ("training",),
        "The 3.5-hour UCB session is now a fixed part of New Manager Orientation.",
        managers_body,
        image="teaser-path",
        writer=1,
    ),
    article(
        "community-voices-season",
        "Community Voices: regional experts on veterans and disability in health care",
        64,
        ("community",),
        "This season’s Community Voices speakers bring perspectives from across the St. Louis region.",
        voices_body,
        image="teaser-nodes",
        writer=2,
    ),
    article(
        "what-the-survey-told-us",
        "What more than 4,000 colleagues told us in the Diversity Engagement Survey",
        97,
        ("survey",),
        "Most experiences at the school are positive, but not for every group: what the 2014-15 survey found.",
        survey_body,
        image="teaser-bars",
        writer=0,
    ),
    article(
        "working-with-community-partners",
        "Four focus areas guide our work with community partners",
        131,
        ("community",),
        "Why the office partners with groups serving underrepresented minorities, women, veterans and people with disabilities.",
        partners_body,
        image="teaser-circles",
        writer=1,
    ),
    article(
        "inclusion-starts-at-orientation",
        "Inclusion starts at orientation: Levels 1.0 and 2.0 for every new employee",
        168,
        ("training", "survey"),
        "New employees take the first two levels of Diversity training during orientation.",
        orientation_body,
        image="teaser-steps",
        writer=2,
    ),
)


def section():
    return Node("news", "News and stories", NewsIndexPageFactory, index_content, show_in_menus=True, children=ARTICLES)
