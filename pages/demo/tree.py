"""Build the demo page tree in two passes, creating only what is missing.

Pass one creates every missing page as a draft with its factory (the ones the tests use), so
that pass two can link any page to any other (calls to action, pillars) whatever order the
sections come in. Pass two fills each new page, validates its StreamFields as the editor's
form would, and publishes one revision. Pages that already exist are left exactly as they
are, which is what makes reruns no-ops.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import wagtail_factories
from django.core.exceptions import ValidationError
from wagtail.fields import StreamField
from wagtail.log_actions import log


@dataclass(frozen=True)
class Node:
    """One page of the demo tree: where it sits, its factory, and a function giving its fields.

    `fields` go to the factory with the draft: values known before the tree exists that the
    factory must not make up (a results page's administration). `content` may link to pages.
    Either way the demo sets every field a page shows, so no factory placeholder stays.
    """

    slug: str
    title: str
    factory: type[wagtail_factories.PageFactory]
    content: Callable[["DemoContext"], dict]
    show_in_menus: bool = False
    children: tuple["Node", ...] = ()
    fields: dict = field(default_factory=dict)

    @property
    def page_class(self):
        return self.factory._meta.model


@dataclass
class DemoContext:
    """What content functions may use: the demo images, event categories and every page by path."""

    images: dict
    categories: dict
    pages: dict = field(default_factory=dict)
    created: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)

    def page(self, path):
        """The page at `path` below home, e.g. "training/diversity-1-0" ("" is home itself)."""
        try:
            return self.pages[path]
        except KeyError:
            raise ValidationError(
                f"The demo page /{path}/ is missing, so nothing can link to it. "
                "Run load_demo_content --reset to rebuild the tree."
            ) from None


def ensure_skeleton(node, parent, ctx, path="", page=None, create=True):
    """Find (or take `page`) or create as a draft `node` under `parent`, then its children.

    Below a page of the wrong type nothing is created (its allowed children may differ);
    existing pages there are still registered so other pages can link to them.
    """
    if page is None:
        page = parent.get_children().filter(slug=node.slug).specific().first()
    if page is None:
        if not create:
            return None
        page = node.factory(
            parent=parent,
            title=node.title,
            slug=node.slug,
            show_in_menus=node.show_in_menus,
            live=False,
            **node.fields,
        )
        log(instance=page, action="wagtail.create")
        ctx.created.append((path, node))
    elif not isinstance(page, node.page_class):
        # Left alone: the section now wants another page type; `--reset` rebuilds it.
        ctx.mismatched.append((path, type(page).__name__, node.page_class.__name__))
        create = False
    ctx.pages[path] = page
    for child in node.children:
        child_path = f"{path}/{child.slug}".lstrip("/")
        ensure_skeleton(child, page, ctx, child_path, create=create)
    return page


def clean_streams(page):
    """Run each StreamField's block validation (heading order, alt text, link text...)."""
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name)
            model_field.stream_block.clean(value)


def fill_and_publish(ctx):
    """Give each page created in this run its content and publish it as one revision."""
    for path, node in ctx.created:
        page = ctx.pages[path]
        for name, value in node.content(ctx).items():
            setattr(page, name, value)
        try:
            clean_streams(page)
            page.save_revision(log_action=True).publish()
        except ValidationError as error:
            raise ValidationError(f"Demo page /{path} is not valid: {describe(error)}") from error


def describe(error):
    """Block errors say which block and field failed; plain ones list their messages."""
    if hasattr(error, "as_json_data"):
        return json.dumps(error.as_json_data(), ensure_ascii=False)
    return "; ".join(error.messages)
