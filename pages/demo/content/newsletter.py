"""The newsletter sign-up page: what subscribers receive and how their address is looked after."""

from pages.factories import NewsletterPageFactory

from ..streams import faq, heading, paragraph
from ..tree import Node


def content(ctx):
    return {
        "search_description": (
            "Sign up for the Office of Diversity, Equity & Inclusion newsletter: upcoming training sessions, "
            "events and news from across the School of Medicine."
        ),
        "intro": (
            "One short email a month with what is coming up at the office: training dates, community events, "
            "new resources and stories from colleagues across the School of Medicine."
        ),
        "listing_summary": "A monthly email with training dates, events and news from the office.",
        "body": [
            heading("What you will receive"),
            paragraph(
                "<p>Each issue lists the <strong>Path to Inclusion</strong> training sessions open for registration, "
                "the month’s events and community gatherings, and a few highlights from our work with partners. "
                "We write it ourselves and send it about once a month, never more than twice.</p>"
            ),
            heading("How signing up works"),
            paragraph(
                "<p>After you send the form we email you a link. Your subscription starts only once you open "
                "it and press <em>Confirm</em>, so nobody can sign up an address that is not theirs. Every "
                "newsletter has a link to unsubscribe in one step.</p>"
            ),
            faq(
                "Questions about the newsletter",
                [
                    (
                        "Who sees my email address?",
                        "<p>Only the office’s communications team. The list is kept on this website, not with "
                        "a mailing company, and it is never shared or sold.</p>",
                    ),
                    (
                        "I did not get the confirmation email.",
                        "<p>Check your junk folder, then send the form again: we send a fresh link. Sign-ups that "
                        "are not confirmed are deleted after 30 days.</p>",
                    ),
                    (
                        "Can I ask you to delete my details?",
                        "<p>Yes. Unsubscribing stops every email at once; to have your address removed from our "
                        "records altogether, write to the office and we will delete it.</p>",
                    ),
                ],
            ),
        ],
    }


def section():
    return Node("newsletter", "Newsletter", NewsletterPageFactory, content)
