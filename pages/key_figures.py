"""Live key figures: numbers another app owns, shown by the key figure block wherever editors put one.

`pages` knows nothing of the apps that own such numbers (DESIGN.md), so they register here
through a Wagtail hook. A function registered as `register_key_figure_source` returns a
`KeyFigureSource`: a stable name (stored in the block's value), a label for editors, and `read`,
which returns the current `LiveFigure` or None while there is nothing to show:

    @hooks.register(KEY_FIGURE_SOURCE_HOOK)
    def participants():
        return KeyFigureSource("training-participants", "Training participants", read_participants)

Reads go through the content version (odi_site/caching/version.py): a page showing a live figure
costs one cache round trip, and the owner's queries only after a change to the content.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

from odi_site.caching.version import versioned

KEY_FIGURE_SOURCE_HOOK = "register_key_figure_source"


@dataclass(frozen=True)
class LiveFigure:
    """What a live key figure shows: the number as it reads ("7,100+") and the day it was counted;
    `until`, for a figure that changes with the clock, is when it must be read again."""

    figure: str
    as_of: datetime.date | None = None
    until: datetime.datetime | None = None


@dataclass(frozen=True)
class KeyFigureSource:
    name: str
    label: str
    read: Callable[[], LiveFigure | None]


def sources():
    """The registered sources by name."""
    found = (register() for register in hooks.get_hooks(KEY_FIGURE_SOURCE_HOOK))
    return {source.name: source for source in found}


def source_choices():
    """The block's choices; a callable, so sources registered after the block library loads count."""
    typed = [("", "None: type the figure below")]
    return typed + [(name, source.label) for name, source in sorted(sources().items())]


def live_figure(name):
    """The current figure of the source called `name`, or None (unknown source, nothing to show)."""
    source = sources().get(name)
    if source is None:
        return None

    # A tuple, not None, when there is nothing to show, so that absence is cached as well.
    def until(value):
        return value[0].until if value[0] else None

    return versioned(f"pages:key-figure:{name}", lambda: (source.read(),), until)[0]
