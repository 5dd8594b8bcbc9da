"""Contact: the office's (placeholder) address and how to visit, the enquiry form, and where enquiries go."""

from pages.factories import ContactPageFactory
from pages.models import EnquirySettings

from ..site_settings import ADDRESS, EMAIL, PHONE
from ..streams import faq, paragraph
from ..tree import Node

# Where the demo's enquiries are emailed (never delivered: example.edu); Office enquiries may change it.
ENQUIRY_RECIPIENT = "enquiries@example.edu"


def content(ctx):
    return {
        "search_description": (
            "Contact the Office of Diversity, Equity & Inclusion: address, phone, email, opening hours, "
            "directions, access for visitors and a form for general enquiries."
        ),
        "intro": (
            "Questions about training, career consultations, community partnerships or the engagement survey? "
            "Call, write or visit: we are glad to hear from students, staff, faculty and neighbors."
        ),
        "address": f"Office of Diversity, Equity & Inclusion\nSuite 2200\n{ADDRESS}",
        "opening_hours": (
            "Monday to Friday, 8:30 am – 5 pm\nClosed on university holidays\nVisits outside these hours by appointment"
        ),
        "directions": (
            "<p>The office is on the second floor of the medical campus administration building, a short walk "
            "from the nearest MetroLink station. Visitor parking is in the garage across the street; ask at our "
            "front desk and we will validate your ticket. These directions are illustrative demo content.</p>"
        ),
        "accessibility_info": (
            "<ul><li>The main entrance has an automatic door and step-free access; a lift serves every floor.</li>"
            "<li>Accessible parking spaces are on the garage’s ground level, closest to the crossing.</li>"
            "<li>An accessible restroom is next to the lifts on our floor.</li>"
            "<li>If you would like an interpreter, captioning or another arrangement for a meeting, tell us "
            "when you get in touch and we will set it up.</li></ul>"
        ),
        "body": [
            paragraph(
                f"<p>You can also call us on {PHONE} or email {EMAIL}. The contact details on this demonstration "
                "site are illustrative placeholders.</p>"
            ),
            faq(
                "Before you write",
                [
                    (
                        "How soon will I hear back?",
                        "<p>Usually within two working days. Enquiries sent on a holiday are answered on the next "
                        "working day.</p>",
                    ),
                    (
                        "Can I report a concern here?",
                        "<p>Please do not use this form to report discrimination or harassment: the university’s "
                        "reporting channels, including confidential options, are the right place, and we can "
                        "help you find them.</p>",
                    ),
                    (
                        "Who reads my message?",
                        "<p>Only the office staff who answer enquiries. The privacy notice says how long it is "
                        "kept and how to ask us to delete it.</p>",
                    ),
                ],
            ),
        ],
        "form_heading": "Send us a message",
        "form_intro": "Tell us what you would like to know, and we will reply to the email address you give.",
    }


def section():
    return Node("contact", "Contact us", ContactPageFactory, content, show_in_menus=True)


def apply_demo_enquiry_settings(site):
    """Route the demo's enquiries to a placeholder inbox unless someone has set one; the names filled."""
    settings = EnquirySettings.for_site(site)
    if settings.recipient:
        return []
    settings.recipient = ENQUIRY_RECIPIENT
    settings.save()
    return ["enquiry recipient"]
