"""The pages app's models, split by section; import them from here (`pages.models.X`)."""

from ..careers.models import CareerServicesPage, ConsultationEmail, ConsultationRequest
from ..community.models import CommunityEngagementPage, CommunityPartner, FocusArea
from ..events.models import EventCategory, EventIndexPage, EventPage, EventSpeaker
from ..people.models import Person, TeamPage
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
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "EventSpeaker",
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
    "TeamPage",
    "image_fk",
]
