"""Store a validated plan in one transaction, with its import log, or store nothing.

Structure is written row by row (a few hundred at most) so parents exist before children;
aggregates (up to 100,000) go in bulk, compared as plain values so a re-import writes nothing.
"""

from decimal import Decimal
from pathlib import PurePath

from django.db import transaction

from odi_site.caching import version

from ..choices import MeasureKind
from ..models import Administration, Aggregate, Dimension, Group, Measure, Survey, SurveyImport
from .plan import Plan
from .report import Report
from .validation import PROGRESS_EVERY, Progress, validate

BATCH_SIZE = 2000
SCORE_FIELDS = ("n", "mean", "sd", "pct_favorable", "pct_neutral", "pct_unfavorable")
KIND_RANK = {MeasureKind.CLUSTER: 0, MeasureKind.FACTOR: 1, MeasureKind.ITEM: 2}


def import_file(
    data: bytes,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    user=None,
    source: str = SurveyImport.Source.COMMAND_LINE,
    file_name: str = "",
) -> Report:
    """Validate the whole file, then (unless dry_run or any problem) write it in one transaction.

    The import log row is written in that transaction too, so only imports that happened are logged.
    The report's counts are per file, not per administration: a file holding several
    administrations is logged once, with no administration.
    """
    report, plan = validate(data, progress=progress)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        administrations = _write(plan, report, progress)
        SurveyImport.objects.create(
            user=user,
            source=source,
            file_name=PurePath(file_name).name[:255],
            administration=administrations[0] if len(administrations) == 1 else None,
            rows_in_file=sum(report.records.values()),
            rows_written=sum(report.written.values()),
        )
        if any(report.written.values()):
            # Bulk writes send no save signals, so replace the content version here.
            version.bump()
    report.imported = True
    return report


def _save(obj, fields, report, label):
    """Create `obj`, or update the fields that differ; count what was written under `label`."""
    if obj.pk is None:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        report.written[f"{label} created"] += 1
        return
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save()
        report.written[f"{label} updated"] += 1


def _write(plan: Plan, report: Report, progress: Progress | None) -> list[Administration]:
    """Write the plan; returns the administrations the file defined or held figures for."""
    surveys = _write_surveys(plan, report)
    administrations = _write_administrations(plan, report, surveys)
    dimensions = _write_dimensions(plan, report, surveys)
    groups = _write_groups(plan, report, surveys, dimensions)
    measures = _write_measures(plan, report, surveys)
    _write_aggregates(plan, report, progress, administrations, dimensions, groups, measures)
    return [administrations[key] for key in plan.touched()]


def _write_surveys(plan, report):
    """The surveys the file uses, locked so two imports of one survey cannot interleave."""
    keys = (*plan.administrations, *plan.measures, *plan.groups, *plan.aggregates)
    used = set(plan.surveys) | {key[0] for key in keys}
    surveys = {s.slug: s for s in Survey.objects.select_for_update().filter(slug__in=used)}
    for slug, entry in plan.surveys.items():
        if slug not in surveys:
            surveys[slug] = Survey.objects.create(slug=slug, name=entry.name[:150])
            report.written["surveys created"] += 1
    return surveys


def _write_administrations(plan, report, surveys):
    administrations = {
        (survey_slug, admin.slug): admin
        for survey_slug, survey in surveys.items()
        for admin in survey.administrations.all()
    }
    for key, entry in plan.administrations.items():
        survey_slug, slug = key
        admin = administrations.get(key) or Administration(survey=surveys[survey_slug], slug=slug)
        fields = {
            "label": entry.label,
            "respondents": entry.respondents,
            "invited": entry.invited,
            "response_rate": None if entry.response_rate is None else _one_decimal(entry.response_rate),
            "fielded_from": entry.fielded_from,
            "fielded_to": entry.fielded_to,
            "is_sample": entry.is_sample,
        }
        _save(admin, fields, report, "administrations")
        administrations[key] = admin
    return administrations


def _one_decimal(value):
    return Decimal(str(value)).quantize(Decimal("0.1"))


def _write_dimensions(plan, report, surveys):
    """New dimensions only: a stored dimension keeps its name and order."""
    dimensions = {
        (d.survey.slug, d.slug): d
        for d in Dimension.objects.filter(survey__in=surveys.values()).select_related("survey")
    }
    for key, entry in plan.dimensions.items():
        if key not in dimensions:
            dimension = Dimension(survey=surveys[key[0]], slug=key[1])
            _save(dimension, {"name": entry.name[:80], "order": entry.order}, report, "dimensions")
            dimensions[key] = dimension
    return dimensions


def _write_groups(plan, report, surveys, dimensions):
    groups = {
        (g.dimension.survey.slug, g.dimension.slug, g.slug): g
        for g in Group.objects.filter(dimension__survey__in=surveys.values()).select_related(
            "dimension__survey", "parent"
        )
    }
    # Top-level groups first, so sub-groups can point at them.
    for key, entry in sorted(plan.groups.items(), key=lambda item: bool(item[1].parent)):
        survey_slug, dim_slug, slug = key
        group = groups.get(key) or Group(dimension=dimensions[(survey_slug, dim_slug)], slug=slug)
        parent = groups[(survey_slug, dim_slug, entry.parent)] if entry.parent else None
        _save(group, {"label": entry.label[:120], "parent": parent, "order": entry.order}, report, "groups")
        groups[key] = group
    return groups


def _write_measures(plan, report, surveys):
    measures = {
        (m.survey.slug, m.code): m
        for m in Measure.objects.filter(survey__in=surveys.values()).select_related("survey", "parent")
    }
    # Clusters first, then factors, then items, so each parent exists before its children.
    for key, entry in sorted(plan.measures.items(), key=lambda item: KIND_RANK[item[1].kind]):
        survey_slug, code = key
        measure = measures.get(key) or Measure(survey=surveys[survey_slug], code=code)
        parent = measures[(survey_slug, entry.parent_code)] if entry.parent_code else None
        fields = {"kind": entry.kind, "name": entry.name, "parent": parent, "order": entry.order}
        _save(measure, fields, report, "measures")
        measures[key] = measure
    return measures


def _write_aggregates(plan, report, progress, administrations, dimensions, groups, measures):
    admin_ids = {administrations[key[:2]].pk for key in plan.aggregates}
    # Plain tuples, not model instances: a re-import of 100,000 rows compares values only.
    existing = {
        row[:4]: row[4:]
        for row in Aggregate.objects.filter(administration_id__in=admin_ids).values_list(
            "administration_id", "measure_id", "group_id", "dimension_id", "id", *SCORE_FIELDS
        )
    }
    create, update = [], []
    for index, ((survey, admin, code, dim_slug, group_slug), entry) in enumerate(plan.aggregates.items()):
        administration_id = administrations[(survey, admin)].pk
        measure_id = measures[(survey, code)].pk if code else None
        group_id = groups[(survey, dim_slug, group_slug)].pk if group_slug else None
        dimension_id = dimensions[(survey, dim_slug)].pk if dim_slug and not group_slug else None
        fields = {name: getattr(entry, name) for name in SCORE_FIELDS}
        current = existing.get((administration_id, measure_id, group_id, dimension_id))
        if current is None:
            create.append(
                Aggregate(
                    administration_id=administration_id,
                    measure_id=measure_id,
                    group_id=group_id,
                    dimension_id=dimension_id,
                    **fields,
                )
            )
        elif tuple(current[1:]) != tuple(fields.values()):
            update.append(Aggregate(id=current[0], **fields))
        if progress and index % PROGRESS_EVERY == 0:
            progress("writing", index, len(plan.aggregates))
    Aggregate.objects.bulk_create(create, batch_size=BATCH_SIZE)
    Aggregate.objects.bulk_update(update, SCORE_FIELDS, batch_size=BATCH_SIZE)
    report.written["aggregates created"] += len(create)
    report.written["aggregates updated"] += len(update)
