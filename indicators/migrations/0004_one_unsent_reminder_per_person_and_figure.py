from django.conf import settings
from django.db import migrations, models


def drop_duplicate_unsent_reminders(apps, schema_editor):
    """Keep the first of the unsent reminders repeated clicks added while the queue was down."""
    FigureReminder = apps.get_model("indicators", "FigureReminder")
    seen = set()
    duplicates = []
    for reminder in FigureReminder.objects.filter(sent_at__isnull=True).order_by("pk"):
        key = (reminder.indicator_id, reminder.year, reminder.number, reminder.recipient_id)
        if key in seen:
            duplicates.append(reminder.pk)
        seen.add(key)
    FigureReminder.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_figure_return_notice"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_duplicate_unsent_reminders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="figurereminder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sent_at__isnull", True)),
                fields=("indicator", "year", "number", "recipient"),
                name="one_unsent_reminder_per_person_and_figure",
            ),
        ),
    ]
