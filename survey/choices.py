"""Choices shared by the survey models, importer and views."""

from django.db import models


class MeasureKind(models.TextChoices):
    """Levels of the DES hierarchy: clusters contain factors, factors contain items."""

    CLUSTER = "cluster", "Engagement cluster"
    FACTOR = "factor", "Inclusion factor"
    ITEM = "item", "Item"
