"""Report a concern: where to take a worry about discrimination, harassment or bias, from the
reporting channels settings. The channels are placeholders at example.edu and 555 numbers (911
aside, which is what anyone in the United States should call in an emergency)."""

from pages.factories import StandardPageFactory
from pages.models import ReportingSettings

from ..streams import call_to_action, faq, heading, paragraph
from ..tree import Node

SLUG = "report-a-concern"

DEMO_REPORTING = {
    "online_report_url": "https://example.edu/report-a-concern",
    "online_report_label": "Report online to the School of Medicine",
    "phone": "314-555-0190",
    "phone_note": "Answered around the clock; you may stay anonymous. A placeholder number on this demonstration site.",
    "emergency_numbers": [
        ("number", {"name": "Police, fire or ambulance", "phone": "911"}),
        ("number", {"name": "Campus protective services", "phone": "314-555-0111"}),
    ],
    "confidential_options": [
        (
            "option",
            {
                "name": "University ombuds",
                "description": (
                    "Talk through what happened and your options before deciding what to do. The ombuds "
                    "keeps what you say private and makes no formal report for you."
                ),
                "phone": "314-555-0150",
                "url": "https://example.edu/ombuds",
                "confidential": True,
            },
        ),
        (
            "option",
            {
                "name": "Employee assistance program",
                "description": "Free, private counseling for staff and faculty and the people they live with.",
                "phone": "314-555-0160",
                "url": "https://example.edu/employee-assistance",
                "confidential": True,
            },
        ),
        (
            "option",
            {
                "name": "Human Resources employee relations",
                "description": (
                    "Advice on workplace concerns and on the school's policies. Employee relations may need "
                    "to act on what you tell them, so it is not a confidential option."
                ),
                "phone": "314-555-0170",
                "url": "https://example.edu/employee-relations",
                "confidential": False,
            },
        ),
    ],
    "after_report": (
        "<p>A member of staff trained to handle reports reads what you send and, unless you chose to stay "
        "anonymous, gets in touch to hear more and to ask what you would like to happen.</p>"
        "<ul>"
        "<li>You can ask for support, such as a change of schedule or workspace, whether or not a formal "
        "complaint follows.</li>"
        "<li>You are told what the options are and what each one involves before anything is decided.</li>"
        "<li>Retaliation against anyone who reports in good faith is itself a concern to report.</li>"
        "</ul>"
        "<p>This is placeholder text: the institution's own process belongs here.</p>"
    ),
}


def content(ctx):
    return {
        "search_description": (
            "How to report discrimination, harassment or bias at the School of Medicine: emergency numbers, "
            "the reporting line, confidential people to talk to and what happens after a report."
        ),
        "intro": (
            "If something has happened that worries you, to you or to someone else, you do not have to deal "
            "with it alone. Here is where to report it and who can help you decide what to do."
        ),
        "listing_summary": "Emergency numbers, the reporting line, confidential options and what happens next.",
        "body": [
            paragraph(
                "<p>Concerns about discrimination, harassment, bias or unfair treatment go to the institution’s "
                "reporting channels below. Our office helps people work through conflicts that involve "
                "diversity and inclusion, and we are glad to talk, but we are not where formal reports are "
                "made or investigated.</p>"
                "<p>On this demonstration site the channels are placeholders (example.edu addresses and 555 "
                "numbers), except 911.</p>"
            ),
            ("reporting_channels", {"heading": "Where to report"}),
            heading("Before you report"),
            paragraph(
                "<p>You can report something that happened to you or something you saw. You do not need "
                "every detail, and you do not need to be sure it breaks a rule. If you can, note the date, "
                "the place and who was there, and keep any messages.</p>"
            ),
            faq(
                "Questions about reporting",
                [
                    (
                        "Can I report without giving my name?",
                        "<p>The reporting line accepts anonymous reports. An anonymous report can be harder to "
                        "follow up, so the people who read it may be able to do less.</p>",
                    ),
                    (
                        "Who can I talk to in confidence first?",
                        "<p>The options marked “Confidential” keep what you tell them private and make no "
                        "report for you. Others may have to act on what they hear.</p>",
                    ),
                    (
                        "Does this website keep anything I tell it?",
                        "<p>No. This site has no reporting form and collects nothing about incidents; the "
                        "channels on this page are run by the institution.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Not sure where to start?",
                "Our office can help you think through a conflict that involves diversity and inclusion.",
                ctx.page("about"),
                "Read about the Office of Diversity, Equity & Inclusion",
            ),
        ],
    }


def apply_demo_reporting(site):
    """Fill the reporting channels if nobody has set any; returns the names filled (none on a rerun)."""
    settings = ReportingSettings.for_site(site)
    if settings.has_channels or settings.after_report:
        return []
    for name, value in DEMO_REPORTING.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return ["reporting channels"]


def section():
    return Node(SLUG, "Report a concern", StandardPageFactory, content)
