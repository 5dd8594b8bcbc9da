"""The pages app's models, split by section; import them from here (`pages.models.X`)."""

from ..careers.models import CareerServicesPage, ConsultationEmail, ConsultationRequest
from ..community.models import AffinityGroup, CommunityEngagementPage, CommunityPartner, FocusArea
from ..contact.models import ContactPage, Enquiry, EnquiryEmail, EnquirySettings
from ..events.models import EventCategory, EventIndexPage, EventPage, EventSpeaker
from ..news.models import ArticlePage, NewsIndexPage, NewsTopic
from ..newsletter.models import NewsletterPage, Subscriber
from ..people.models import Person, TeamPage
from ..resources.models import Resource, ResourceCategory, ResourceLibraryPage
from .base import (
    SOCIAL_PLATFORMS,
    BasePage,
    HomePage,
    HomePagePillar,
    ListingMixin,
    SiteSettings,
    SocialLinkBlock,
    SocialLinkValue,
    SocialMixin,
    StandardPage,
    image_fk,
)
from .mail import OutgoingEmail, OwnedEmailManager
from .reporting import EmergencyNumberBlock, ReportingOptionBlock, ReportingSettings, tel_href

__all__ = [
    "SOCIAL_PLATFORMS",
    "AffinityGroup",
    "ArticlePage",
    "BasePage",
    "CareerServicesPage",
    "CommunityEngagementPage",
    "CommunityPartner",
    "EmergencyNumberBlock",
    "ConsultationEmail",
    "ConsultationRequest",
    "ContactPage",
    "Enquiry",
    "EnquiryEmail",
    "EnquirySettings",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventSpeaker",
    "FocusArea",
    "HomePage",
    "HomePagePillar",
    "ListingMixin",
    "NewsletterPage",
    "NewsIndexPage",
    "NewsTopic",
    "OutgoingEmail",
    "OwnedEmailManager",
    "Person",
    "ReportingOptionBlock",
    "ReportingSettings",
    "Resource",
    "ResourceCategory",
    "ResourceLibraryPage",
    "SiteSettings",
    "SocialLinkBlock",
    "SocialLinkValue",
    "SocialMixin",
    "StandardPage",
    "Subscriber",
    "TeamPage",
    "image_fk",
    "tel_href",
]
