"""The demo page tree: the home page plus one module per section.

Each section module has a `section()` returning its `Node` (page type, slug, copy). Apps with
their own page types (training, survey) replace a section without `pages` importing them: they
register a function with the `register_demo_section` Wagtail hook that returns a `Node` with
the same slug, and may load their own records (sessions, survey aggregates) with the
`after_load_demo_content` hook, which receives the `DemoContext`.
"""

from wagtail import hooks

from pages.models import HomePage

from ..tree import Node
from . import about, career, community, events, home

DEFAULT_SECTIONS = (
    about.section,
    career.section,
    community.section,
    events.section,
)


# Menu order of the top-level sections, whichever app provides each one.
SECTION_ORDER = ("about", "training", "career-development", "community-engagement", "events", "survey")


def sections():
    """The default sections plus apps' sections (an app's section replaces one of the same slug)."""
    nodes = {node.slug: node for node in (section() for section in DEFAULT_SECTIONS)}
    nodes.update({node.slug: node for node in (fn() for fn in hooks.get_hooks("register_demo_section"))})
    position = {slug: index for index, slug in enumerate(SECTION_ORDER)}
    return tuple(sorted(nodes.values(), key=lambda node: position.get(node.slug, len(SECTION_ORDER))))


def demo_tree():
    return Node("home", home.TITLE, HomePage, home.content, children=sections())
