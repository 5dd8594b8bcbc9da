"""The pages app's models, split by section; import them from here (`pages.models.X`)."""

from ..careers.models import CareerServicesPage, ConsultationEmail, ConsultationRequest
from ..community.models import CommunityEngagementPage, CommunityPartner, FocusArea
from ..contact.models import ContactPage, Enquiry, EnquiryEmail, EnquirySettings
from ..events.models import EventCategory, EventIndexPage, EventPage
from ..people.models import Person
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

__all__ = [
    "SOCIAL_PLATFORMS",
    "BasePage",
    "CareerServicesPage",
    "CommunityEngagementPage",
    "CommunityPartner",
    "ConsultationEmail",
    "ConsultationRequest",
    "ContactPage",
    "Enquiry",
    "EnquiryEmail",
    "EnquirySettings",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "FocusArea",
    "HomePage",
    "HomePagePillar",
    "ListingMixin",
    "OutgoingEmail",
    "OwnedEmailManager",
    "Person",
    "SiteSettings",
    "SocialLinkBlock",
    "SocialLinkValue",
    "SocialMixin",
    "StandardPage",
    "image_fk",
]
