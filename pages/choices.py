"""Choices shared by the pages app's models, forms and admin views."""

from django.db import models


class ConsultationRole(models.TextChoices):
    MANAGER = "manager", "Manager (I supervise other staff)"
    STAFF = "staff", "Staff in a non-managerial role"
    OTHER = "other", "Other"


class ConsultationTopic(models.TextChoices):
    GOALS = "goals", "Setting career goals"
    ADVANCEMENT = "advancement", "Advancing in my current area"
    CHANGE = "change", "Moving to a different role or department"
    SKILLS = "skills", "Building skills and experience"
    RESUME = "resume", "Résumé and interview preparation"
    LEADERSHIP = "leadership", "Preparing for a management role"


class ConsultationStatus(models.TextChoices):
    NEW = "new", "New"
    SCHEDULED = "scheduled", "Scheduled"
    CLOSED = "closed", "Closed"


class EmailStatus(models.TextChoices):
    """Where an outgoing email stands; staff see it in the admin."""

    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class SubscriberStatus(models.TextChoices):
    """Where a newsletter sign-up stands: only confirmed subscribers are ever sent the newsletter."""

    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class Audience(models.TextChoices):
    """Who a resource in the library is written for."""

    EVERYONE = "everyone", "Everyone"
    STAFF = "staff", "Staff"
    FACULTY = "faculty", "Faculty"
    STUDENTS = "students", "Students"
    COMMUNITY = "community", "Community members"


class AffinityCategory(models.TextChoices):
    """The kinds of group in the community page's directory, in the order they are listed."""

    EMPLOYEE_GROUP = "employee", "Employee resource groups"
    STUDENT_ORGANIZATION = "student", "Student organizations"
    UNIVERSITY_OFFICE = "office", "University offices"
    COMMUNITY_RESOURCE = "community", "Community resources"


class ResourceDate(models.TextChoices):
    """What a resource's date means."""

    PUBLISHED = "published", "Published"
    AS_OF = "as-of", "As of"


class EnquirySubject(models.TextChoices):
    """What a contact-page enquiry is about, so the office can pass it to the right person."""

    GENERAL = "general", "A general question"
    TRAINING = "training", "Training and workshops"
    CAREER = "career", "Career development"
    COMMUNITY = "community", "Community engagement"
    SURVEY = "survey", "The Diversity Engagement Survey"
    SPEAKING = "speaking", "A speaker or presentation request"
    WEBSITE = "website", "This website, including its accessibility"
    OTHER = "other", "Something else"
