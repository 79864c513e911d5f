from django.db import migrations


def sync(apps, schema_editor):
    from core.roles import Role, sync_roles

    sync_roles(apps, roles=[Role.PARTNER])


class Migration(migrations.Migration):
    dependencies = [("core", "0006_finance_settings_and_role")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
