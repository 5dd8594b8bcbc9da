"""The pages app's models, split by section; import them from here (`pages.models.X`)."""

from ..careers.models import CareerServicesPage, ConsultationEmail, ConsultationRequest
from ..community.models import CommunityEngagementPage, CommunityPartner, FocusArea
from ..events.models import EventCategory, EventIndexPage, EventPage
from ..news.models import ArticlePage, NewsIndexPage, NewsTopic
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
    "ArticlePage",
    "BasePage",
    "CareerServicesPage",
    "CommunityEngagementPage",
    "CommunityPartner",
    "ConsultationEmail",
    "ConsultationRequest",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "FocusArea",
    "HomePage",
    "HomePagePillar",
    "ListingMixin",
    "NewsIndexPage",
    "NewsTopic",
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
