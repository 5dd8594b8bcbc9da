"""Training coordinators schedule new sessions too (0002 let them only view and change them)."""

from django.db import migrations


def grant_add(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Training coordinators").first()
    if group is None:  # removed by an administrator: leave it so
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="training", model="trainingsession")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="add_trainingsession", defaults={"name": "Can add training session"}
    )
    group.permissions.add(permission)


def revoke_add(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Training coordinators"):
        group.permissions.remove(*group.permissions.filter(codename="add_trainingsession"))


class Migration(migrations.Migration):
    dependencies = [("training", "0002_training_coordinators_group")]

    operations = [migrations.RunPython(grant_add, revoke_add)]
