"""The survey import log: one row per import that happened, written with the data, read-only in the admin."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from odi_site.caching import version
from survey.importing import import_file
from survey.models import Administration, Aggregate, SurveyImport

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"
BAD = EXAMPLE.read_bytes().replace(b",396,", b",-396,")
LOG_URL = "/admin/snippets/survey/surveyimport/"
SECOND_ADMINISTRATION = b"administration,des,,2015-16,,,1000,300" + b"," * 16 + b"\n"

pytestmark = pytest.mark.django_db


def member_of(django_user_model, group_name, username="someone"):
    user = django_user_model.objects.create_user(username, f"{username}@example.edu", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group_name))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def survey_manager(django_user_model):
    return member_of(django_user_model, "Survey data managers", "surveys")


def upload(client, path):
    with path.open("rb") as file:
        return client.post("/admin/survey/import/", {"file": file})


class TestAdminUpload:
    def test_confirming_records_one_import_with_the_user_and_file_name(self, client, survey_manager):
        client.force_login(survey_manager)
        token = upload(client, EXAMPLE).context["token"]
        assert not SurveyImport.objects.exists()  # checking writes nothing, not even the log

        assert client.post("/admin/survey/import/", {"confirm": "1", "token": token}).status_code == 302

        logged = SurveyImport.objects.get()
        assert (logged.user, logged.source, logged.file_name) == (
            survey_manager,
            SurveyImport.Source.ADMIN_UPLOAD,
            "survey-example.csv",
        )
        assert logged.administration == Administration.objects.get(slug="2014-15")
        assert logged.rows_in_file == 31
        assert logged.rows_written > Aggregate.objects.count() == 19  # plus the survey, measures, groups…

    def test_a_file_with_problems_records_nothing(self, client, survey_manager, tmp_path):
        client.force_login(survey_manager)
        bad = tmp_path / "bad.csv"
        bad.write_bytes(BAD)
        response = upload(client, bad)
        assert "is negative" in response.content.decode()
        assert not SurveyImport.objects.exists() and not Aggregate.objects.exists()


class TestImporter:
    def test_dry_run_and_rejected_files_record_nothing(self):
        assert import_file(EXAMPLE.read_bytes(), dry_run=True).ok
        assert not import_file(BAD).ok
        assert not SurveyImport.objects.exists()

    def test_a_reimport_is_logged_with_nothing_written(self):
        import_file(EXAMPLE.read_bytes())
        import_file(EXAMPLE.read_bytes())
        again, first = SurveyImport.objects.all()  # newest first
        assert again.rows_written == 0 < first.rows_written

    def test_logging_an_import_that_changed_nothing_keeps_every_cached_page(self, django_capture_on_commit_callbacks):
        """The log appears on no public page, so writing it must not make the whole site render again."""
        import_file(EXAMPLE.read_bytes())
        before = version.current()
        with django_capture_on_commit_callbacks(execute=True):
            import_file(EXAMPLE.read_bytes())
        assert SurveyImport.objects.count() == 2
        assert version.current() == before

    def test_a_file_with_several_administrations_is_logged_once_without_one(self):
        import_file(EXAMPLE.read_bytes() + SECOND_ADMINISTRATION)
        assert Administration.objects.count() == 2
        logged = SurveyImport.objects.get()
        assert logged.administration is None

    def test_if_the_log_cannot_be_written_neither_is_the_data(self, monkeypatch):
        def fail(**kwargs):
            raise RuntimeError("log table unavailable")

        monkeypatch.setattr(SurveyImport.objects, "create", fail)
        with pytest.raises(RuntimeError):
            import_file(EXAMPLE.read_bytes())
        assert not Aggregate.objects.exists() and not Administration.objects.exists()

    def test_the_file_name_is_stored_without_its_folder(self):
        import_file(EXAMPLE.read_bytes(), file_name="/home/someone/exports/des.csv")
        assert SurveyImport.objects.get().file_name == "des.csv"


class TestCommand:
    def test_the_command_records_the_command_line_and_the_file_name(self):
        call_command("import_survey", str(EXAMPLE), verbosity=0)
        logged = SurveyImport.objects.get()
        assert (logged.user, logged.source, logged.file_name) == (
            None,
            SurveyImport.Source.COMMAND_LINE,
            "survey-example.csv",
        )
        assert logged.imported_by() == "command line"

    def test_dry_run_and_failed_commands_record_nothing(self, tmp_path):
        call_command("import_survey", str(EXAMPLE), dry_run=True, verbosity=0)
        bad = tmp_path / "bad.csv"
        bad.write_bytes(BAD)
        with pytest.raises(CommandError):
            call_command("import_survey", str(bad), verbosity=0)
        assert not SurveyImport.objects.exists()


class TestLogAdmin:
    def test_survey_staff_read_the_log_and_its_entries(self, client, survey_manager):
        import_file(EXAMPLE.read_bytes(), user=survey_manager, file_name="survey-example.csv")
        logged = SurveyImport.objects.get()
        client.force_login(survey_manager)

        listing = client.get(LOG_URL)
        assert listing.status_code == 200
        assert "survey-example.csv" in listing.content.decode()
        assert client.get(f"{LOG_URL}inspect/{logged.pk}/").status_code == 200

    def test_other_staff_are_turned_away_from_the_log(self, client, django_user_model):
        client.force_login(member_of(django_user_model, "Communications editors"))
        response = client.get(LOG_URL)
        # Wagtail answers a denied admin page with a redirect to the dashboard, or 403 to scripts.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert client.get(LOG_URL, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
        assert LOG_URL not in client.get("/admin/").content.decode()

    @pytest.mark.parametrize("view", ["add/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/"])
    def test_nobody_adds_edits_or_deletes_entries_not_even_a_superuser(self, client, django_user_model, view):
        import_file(EXAMPLE.read_bytes())
        pk = SurveyImport.objects.get().pk
        client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.edu", "a-long-pw-123"))
        listing = client.get(LOG_URL).content.decode()
        assert f"{LOG_URL}add/" not in listing and f"{LOG_URL}edit/{pk}/" not in listing
        for method in (client.get, client.post):
            response = method(LOG_URL + view.format(pk=pk))
            assert (response.status_code, response["Location"]) == (302, "/admin/")  # permission denied
        assert list(SurveyImport.objects.values_list("pk", "file_name")) == [(pk, "")]
