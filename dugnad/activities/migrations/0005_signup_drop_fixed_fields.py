# The old fixed sign-up fields go in their own migration: PostgreSQL will not alter a table
# with pending trigger events from the data copied in 0004 within the same transaction.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_signup_questions_price_groups"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='signup',
            name='allergies',
        ),
        migrations.RemoveField(
            model_name='signup',
            name='heard_about',
        ),
        migrations.RemoveField(
            model_name='signup',
            name='price_group',
        ),
        migrations.AddField(
            model_name='signup',
            name='price_group',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='signups', to='activities.pricegroup', verbose_name='price group'),
        ),
        ]
