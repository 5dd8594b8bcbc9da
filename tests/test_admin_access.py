"""Personal and survey data on every admin route: only the owning group and superusers see it.

The routes are not listed by hand: the test walks Wagtail's URL resolver and takes every admin
pattern of each protected model's viewsets (list, results, inspect, history, usage, edit, the
chooser's views, ...) and every generic pattern that names a model (bulk actions, ...), so a
snippet, chooser or view added later is walked too. Every snippet model of the site, protected
or not, is walked for a user with nothing but admin access.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.log_actions import log
from wagtail.snippets.models import get_snippet_models

from pages.factories import ConsultationRequestFactory, EnquiryFactory, SubscriberFactory
from pages.models import ConsultationRequest, Enquiry, Subscriber
from pages.roles import APPROVERS, CAREER_SERVICES, EDITORS, OFFICE_ENQUIRIES
from survey.factories import (
    AdministrationFactory,
    AggregateFactory,
    DimensionFactory,
    GroupFactory,
    MeasureFactory,
    SurveyFactory,
)
from survey.models import Administration, Aggregate, Dimension, Measure, Survey, SurveyImport
from survey.models import Group as SurveyGroup
from survey.roles import DATA_MANAGERS
from training.factories import RegistrationFactory
from training.models import Registration
from training.roles import COORDINATORS

pytestmark = pytest.mark.django_db

ADMIN_ONLY = "admin access only"
USERS = (EDITORS, APPROVERS, CAREER_SERVICES, OFFICE_ENQUIRIES, COORDINATORS, DATA_MANAGERS, ADMIN_ONLY)
OWNERS = {
    Registration: COORDINATORS,
    ConsultationRequest: CAREER_SERVICES,
    Subscriber: APPROVERS,
    Enquiry: OFFICE_ENQUIRIES,
    Survey: DATA_MANAGERS,
    Administration: DATA_MANAGERS,
    Measure: DATA_MANAGERS,
    Dimension: DATA_MANAGERS,
    SurveyGroup: DATA_MANAGERS,
    Aggregate: DATA_MANAGERS,
    SurveyImport: DATA_MANAGERS,
}
# What the owners read (exports: test_the_owners_export_their_records); every other route is
# walked too, and must not leak to anyone else.
READ_VIEWS = {"list", "list_results", "inspect", "choose", "choose_results", "chosen", "chosen_multiple"}
DENIED = {302, 403, 404, 405}
# Route arguments that name the model, as Wagtail spells them in its generic patterns.
APP_ARGUMENTS = {"app_label", "app_name", "content_type_app_name"}
MODEL_ARGUMENTS = {"model_name", "content_type_model_name"}


@pytest.fixture
def records(home):
    """One record per protected model, each carrying a word found nowhere else (its marker)."""
    survey = SurveyFactory(name="Zarquon Climate Survey", slug="zarquon")
    administration = AdministrationFactory(survey=survey, label="Embargo-7731", slug="embargo-7731")
    measure = MeasureFactory(survey=survey, code="QXZ", name="Quibblesome factor")
    dimension = DimensionFactory(survey=survey, name="Vexillology unit")
    group = GroupFactory(dimension=dimension, label="Tiny cohort")
    aggregate = AggregateFactory(administration=administration, measure=measure, group=group, n=2)
    logged = SurveyImport.objects.create(
        source=SurveyImport.Source.COMMAND_LINE, file_name="zarquon-raw.csv", rows_in_file=3, rows_written=3
    )
    return {
        Registration: (RegistrationFactory(name="Zephyrine Quillfeather"), "Quillfeather"),
        ConsultationRequest: (ConsultationRequestFactory(name="Ottoline Marchbank"), "Marchbank"),
        Subscriber: (SubscriberFactory(email="quintessa.brightwater@example.edu"), "brightwater"),
        Enquiry: (EnquiryFactory(name="Philippa Quarrington"), "Quarrington"),
        Survey: (survey, "Zarquon"),
        Administration: (administration, "Embargo-7731"),
        Measure: (measure, "Quibblesome"),
        Dimension: (dimension, "Vexillology"),
        SurveyGroup: (group, "Tiny cohort"),
        Aggregate: (aggregate, "Embargo-7731 QXZ"),
        SurveyImport: (logged, "zarquon-raw"),
    }


@pytest.fixture
def users(django_user_model):
    users = {}
    for name in USERS:
        user = django_user_model.objects.create_user(name.replace(" ", "-"), "staff@example.edu", "x" * 16)
        if name == ADMIN_ONLY:
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        else:
            user.groups.add(Group.objects.get(name=name))
        users[name] = user
    users["superuser"] = django_user_model.objects.create_superuser("root", "root@example.edu", "x" * 16)
    return users


def admin_patterns():
    """(namespace, name, argument names) of every named admin URL pattern."""

    def walk(patterns, namespace, under_admin):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, inner, under_admin or str(pattern.pattern) == "admin/")
            elif isinstance(pattern, URLPattern) and under_admin and pattern.name:
                yield namespace, pattern.name, set(pattern.pattern.converters)

    return list(walk(get_resolver().url_patterns, "", False))


def bulk_actions(model):
    """The bulk actions registered for `model`: Wagtail answers 404 to any other, for anyone."""
    actions = bulk_action_registry.get_bulk_actions_for_model(model._meta.app_label, model._meta.model_name)
    return sorted(action.action_type for action in actions)


def urls_for(model, pk, home):
    """Every admin URL that can show a record of `model`: its viewsets' routes, with the record's pk,
    and each generic route that names a model, with this one's."""
    viewset = model.snippet_viewset
    own = {viewset.url_namespace, viewset.chooser_viewset.url_namespace}
    urls = []
    for namespace, name, arguments in admin_patterns():
        names_model = bool(arguments & APP_ARGUMENTS and arguments & MODEL_ARGUMENTS)
        if namespace.split(":")[-1] not in own and not names_model:
            continue
        values = [{}]
        for argument in arguments:
            if argument in APP_ARGUMENTS:
                choices = [model._meta.app_label]
            elif argument in MODEL_ARGUMENTS:
                choices = [model._meta.model_name]
            elif argument in {"pk", "object_id"}:
                choices = [pk]
            elif argument == "action":
                choices = bulk_actions(model)
            elif argument == "parent_page_id":
                choices = [home.pk]
            elif argument == "session_id":
                choices = [1]
            else:
                raise AssertionError(f"Teach the walk what {argument!r} of {namespace}:{name} takes")
            values = [{**kwargs, argument: choice} for kwargs in values for choice in choices]
        for kwargs in values:
            url = reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)
            urls.append((name, f"{url}?id={pk}"))
            if name == "list":
                urls.append(("export", f"{url}?export=csv"))
    return urls


def assert_hidden(response, markers, who, url):
    assert response.status_code in DENIED, (who, url, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith(("/admin/login/", "/admin/")), (who, url, response["Location"])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for marker in markers:
        assert marker.encode() not in body, (who, url, marker)


def body_of(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_the_walk_finds_every_kind_of_route(records, home):
    record, _ = records[Registration]
    names = {name for name, _ in urls_for(Registration, record.pk, home)}
    assert READ_VIEWS | {"export", "history", "usage", "edit", "delete", "create", "wagtail_bulk_action"} <= names


@pytest.mark.parametrize("model", list(OWNERS), ids=lambda model: model._meta.label)
def test_every_route_of_protected_records_is_for_their_owners_only(client, records, users, home, model):
    record, marker = records[model]
    count = model._default_manager.count()
    urls = urls_for(model, record.pk, home)
    for who, user in users.items():
        client.force_login(user)
        allowed = who in (OWNERS[model], "superuser")
        for name, url in urls:
            response = client.get(url)
            assert response.status_code != 500, (who, url)
            if allowed and name in READ_VIEWS:
                assert response.status_code == 200, (who, url, response.status_code)
                assert marker in body_of(response), (who, url)
            elif not allowed:
                assert_hidden(response, [marker], who, url)
                assert_hidden(client.post(url, {"id": record.pk}), [marker], who, url)
    assert model._default_manager.count() == count  # nobody without rights created or deleted one


def test_the_owners_export_their_records(client, records, users):
    for model, owner in (
        (Registration, COORDINATORS),
        (ConsultationRequest, CAREER_SERVICES),
        (Subscriber, APPROVERS),
        (Enquiry, OFFICE_ENQUIRIES),
    ):
        record, marker = records[model]
        client.force_login(users[owner])
        response = client.get(reverse(model.snippet_viewset.get_url_name("list")) + "?export=csv")
        assert response.status_code == 200 and marker in body_of(response)


def test_a_user_with_admin_access_only_reaches_no_snippet_at_all(client, records, users, home):
    """Every snippet model of the site, protected or not: its routes need a permission on it."""
    client.force_login(users[ADMIN_ONLY])
    for model in get_snippet_models():
        record = model._default_manager.first()
        for _, url in urls_for(model, record.pk if record else 1, home):
            response = client.get(url)
            assert response.status_code in DENIED, (model, url, response.status_code)


def test_no_chooser_creates_records_even_for_a_superuser(client, users):
    """No chooser has a creation form; Wagtail keeps the route, and a POST there must not crash."""
    client.force_login(users["superuser"])
    for model in get_snippet_models():
        url = reverse(f"{model.snippet_viewset.chooser_viewset.url_namespace}:create")
        count = model._default_manager.count()
        assert client.get(url).status_code == 404, (model, url)
        assert client.post(url, {}).status_code == 404, (model, url)
        assert model._default_manager.count() == count


def test_reports_search_and_the_dashboard_show_no_one_elses_records(client, records, users):
    """The site history lists log entries by their object's label; search lists what it finds."""
    for record, _ in records.values():
        log(record, "wagtail.edit", user=users["superuser"])
    routes = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history_results"),
        reverse("wagtailsnippets:index"),
    ]
    for who, user in users.items():
        if who == "superuser":
            continue
        client.force_login(user)
        hidden = [marker for model, (_, marker) in records.items() if OWNERS[model] != who]
        # The people's first names: a search page shows its query, not the surnames it might find.
        for url in [*routes, f"{reverse('wagtailadmin_pages:search')}?q=Zephyrine+Ottoline+Philippa"]:
            response = client.get(url)
            assert response.status_code in (200, 302), (who, url)
            for marker in hidden:
                assert marker not in body_of(response), (who, url, marker)
    client.force_login(users[COORDINATORS])
    assert "Quillfeather" in body_of(client.get(reverse("wagtailadmin_reports:site_history")))
