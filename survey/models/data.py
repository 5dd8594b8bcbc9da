"""Survey structure and stored aggregates (never individual responses)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..choices import MeasureKind

# Below three respondents a figure describes one or two people; no setting may go lower.
MIN_CELL_SIZE_FLOOR = 3


class Survey(models.Model):
    """A survey instrument (e.g. the DES): its response scale and the smallest group it reports."""

    name = models.CharField(max_length=150, help_text="E.g. “Diversity Engagement Survey”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the import file's `survey` column.")
    scale_points = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(11)],
        help_text="Number of points on the response scale; means lie between 1 and this number.",
    )
    scale_labels = models.CharField(
        max_length=300,
        blank=True,
        default="Strongly disagree | Disagree | Neither agree nor disagree | Agree | Strongly agree",
        help_text="Anchor labels from lowest to highest, separated by “|”.",
    )
    favorable_from = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(11)],
        help_text="Lowest scale point counted as favorable (4 = “agree” and above on a 5-point scale).",
    )
    min_cell_size = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(MIN_CELL_SIZE_FLOOR), MaxValueValidator(100)],
        help_text="Figures about fewer respondents than this are withheld (never below 3).",
    )
    min_breakdown_size = models.PositiveSmallIntegerField(
        "smallest group shown with any breakdown",
        default=10,
        validators=[MinValueValidator(MIN_CELL_SIZE_FLOOR), MaxValueValidator(200)],
        help_text=(
            "A group smaller than this has its answers (percentages, mean) withheld whenever they would show "
            "that all, none or all but a few of its members gave one answer. At least the minimum group size."
        ),
    )
    citation = models.CharField(
        max_length=300,
        blank=True,
        help_text="How to cite the results; printed on results pages and in downloads.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("scale_points"), FieldPanel("scale_labels"), FieldPanel("favorable_from")],
            heading="Response scale",
        ),
        MultiFieldPanel([FieldPanel("min_cell_size"), FieldPanel("min_breakdown_size")], heading="Small groups"),
        FieldPanel("citation"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_cell_size__gte=MIN_CELL_SIZE_FLOOR), name="survey_min_cell_size_floor"
            ),
            models.CheckConstraint(
                condition=Q(min_breakdown_size__gte=F("min_cell_size")), name="survey_breakdown_size_at_least_cell_size"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.favorable_from and self.scale_points and self.favorable_from > self.scale_points:
            raise ValidationError({"favorable_from": "Must be a point on the scale."})
        if self.min_breakdown_size is not None and self.min_cell_size and self.min_breakdown_size < self.min_cell_size:
            raise ValidationError(
                {"min_breakdown_size": f"Must be at least the minimum group size ({self.min_cell_size})."}
            )


class Administration(models.Model):
    """One fielding of a survey, e.g. 2014-15: dates, who was invited and who answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="administrations")
    label = models.CharField(max_length=40, help_text="E.g. “2014-15”.")
    slug = models.SlugField(
        max_length=40, help_text="Made from the label in the import file's `administration` column, e.g. “2014-15”."
    )
    fielded_from = models.DateField(null=True, blank=True, help_text="First day the survey was open.")
    fielded_to = models.DateField(null=True, blank=True, help_text="Last day the survey was open.")
    invited = models.PositiveIntegerField(null=True, blank=True, help_text="People invited to take part.")
    respondents = models.PositiveIntegerField(help_text="People who answered.")
    response_rate = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percent of the invited who answered; computed from the counts when left blank.",
    )
    methodology = models.TextField(blank=True, help_text="How the survey was run; shown on the results page.")
    is_sample = models.BooleanField(
        default=False,
        help_text="Synthetic or demonstration data; every page and download then says “Sample data — not real results”.",
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text=(
            "The earlier (e.g. interim) results of the same people that these replace. Only one of the two can "
            "have live results: figures of both together could reveal small groups."
        ),
    )

    panels = [
        FieldPanel("survey"),
        FieldPanel("label"),
        FieldPanel("slug"),
        MultiFieldPanel([FieldPanel("fielded_from"), FieldPanel("fielded_to")], heading="Fielded"),
        MultiFieldPanel(
            [FieldPanel("invited"), FieldPanel("respondents"), FieldPanel("response_rate")], heading="Response"
        ),
        FieldPanel("methodology"),
        FieldPanel("is_sample"),
        FieldPanel("supersedes"),
    ]

    class Meta:
        ordering = ["survey", "fielded_from", "label"]
        constraints = [models.UniqueConstraint(fields=["survey", "slug"], name="administration_unique_slug")]

    def __str__(self):
        return f"{self.survey} {self.label}"

    def clean(self):
        if self.supersedes_id is None:
            return
        if self.supersedes_id == self.pk:
            raise ValidationError({"supersedes": "An administration cannot supersede itself."})
        earlier = self.supersedes
        if earlier.survey_id != self.survey_id:
            raise ValidationError({"supersedes": "Choose an administration of the same survey."})
        if earlier.supersedes_id == self.pk:
            raise ValidationError({"supersedes": f"{earlier} already supersedes this administration."})

    @property
    def effective_response_rate(self):
        """The recorded rate, or respondents ÷ invited when only the counts are known."""
        if self.response_rate is not None:
            return float(self.response_rate)
        if self.invited:
            return round(100 * self.respondents / self.invited, 1)
        return None


class Measure(models.Model):
    """A cluster, factor or item of the survey; items carry a code and a short label only."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=10, choices=MeasureKind.choices)
    code = models.CharField(max_length=20, help_text="Stable code, e.g. “Q07” or “TRUST”.")
    name = models.CharField(
        max_length=150,
        help_text="Short label. Item wording is copyrighted: never paste the full item text here.",
    )
    description = models.TextField(
        blank=True,
        help_text="Plain-language explanation; full item text only if the institution holds permission.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Factor or cluster above.",
    )
    order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("survey"),
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("order"),
    ]

    class Meta:
        ordering = ["survey", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="measure_unique_code")]

    def __str__(self):
        return f"{self.code}: {self.name}"

    @property
    def slug(self):
        return self.code.lower()


class Dimension(models.Model):
    """A demographic question results are broken down by: role, gender, race/ethnicity..."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="dimensions")
    name = models.CharField(max_length=80, help_text="E.g. “Race/ethnicity”.")
    slug = models.SlugField(max_length=80)
    order = models.PositiveIntegerField(default=0)

    panels = [FieldPanel("survey"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]

    class Meta:
        ordering = ["survey", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["survey", "slug"], name="dimension_unique_slug")]

    def __str__(self):
        return self.name


class Group(models.Model):
    """One answer to a demographic question, e.g. “Staff”, or a sub-group such as “Staff: management”."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="groups")
    label = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subgroups",
        help_text="Group above, if a sub-group.",
    )
    order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("dimension"),
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("order"),
    ]

    class Meta:
        ordering = ["dimension", "order", "label"]
        constraints = [models.UniqueConstraint(fields=["dimension", "slug"], name="group_unique_slug")]

    def __str__(self):
        return f"{self.dimension}: {self.label}"


class Aggregate(models.Model):
    """One stored figure: a respondent count (no measure) or a score, for everyone or one group.

    A row with neither measure nor group but a dimension is that dimension's answered total
    (how many respondents answered the demographic question).
    """

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="aggregates")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey(
        Dimension,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only for a dimension's answered total (no measure, no group).",
    )
    n = models.PositiveIntegerField()
    mean = models.FloatField(null=True, blank=True)
    sd = models.FloatField(null=True, blank=True)
    pct_favorable = models.FloatField(null=True, blank=True)
    pct_neutral = models.FloatField(null=True, blank=True)
    pct_unfavorable = models.FloatField(null=True, blank=True)

    panels = [
        FieldPanel("administration"),
        FieldPanel("measure"),
        FieldPanel("group"),
        FieldPanel("dimension"),
        FieldPanel("n"),
        MultiFieldPanel(
            [
                FieldPanel("mean"),
                FieldPanel("sd"),
                FieldPanel("pct_favorable"),
                FieldPanel("pct_neutral"),
                FieldPanel("pct_unfavorable"),
            ],
            heading="Scores",
        ),
    ]

    class Meta:
        permissions = [("import_survey_data", "Can import survey data from a CSV file")]
        constraints = [
            # NULL never equals NULL in a unique index, so each null pattern gets its own constraint.
            models.UniqueConstraint(
                fields=["administration", "measure", "group"],
                condition=Q(measure__isnull=False, group__isnull=False),
                name="aggregate_unique_score_by_group",
            ),
            models.UniqueConstraint(
                fields=["administration", "measure"],
                condition=Q(measure__isnull=False, group__isnull=True),
                name="aggregate_unique_score_overall",
            ),
            models.UniqueConstraint(
                fields=["administration", "group"],
                condition=Q(measure__isnull=True, group__isnull=False),
                name="aggregate_unique_profile_count",
            ),
            models.UniqueConstraint(
                fields=["administration", "dimension"],
                condition=Q(measure__isnull=True, group__isnull=True),
                name="aggregate_unique_dimension_total",
            ),
            models.CheckConstraint(
                condition=Q(dimension__isnull=True) | Q(measure__isnull=True, group__isnull=True),
                name="aggregate_dimension_only_for_totals",
            ),
            models.CheckConstraint(
                condition=Q(measure__isnull=False) | Q(group__isnull=False) | Q(dimension__isnull=False),
                name="aggregate_describes_something",
            ),
        ]

    def __str__(self):
        """What the row describes, never its figures: labels show in choosers, history and logs."""
        what = self.measure.code if self.measure_id else "respondents"
        who = self.group.label if self.group_id else (self.dimension.name if self.dimension_id else "all")
        return f"{self.administration.label} {what} / {who}"
