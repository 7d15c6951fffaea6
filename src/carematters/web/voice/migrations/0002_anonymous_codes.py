"""Survey links for named children become anonymous codes in batches (docs/voice.md).

Answers lose their link to the invitation (and so to the child): they keep the authority, band,
instrument version, month and collection year. The answered day is cut to its month. Existing
invitations are dropped with their child links; the codes they held were single-use and are
replaced by batches made afresh.
"""

import secrets

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BANDS = [("4-7", "Ages 4 to 7"), ("8-11", "Ages 8 to 11"), ("11-17", "Ages 11 to 17"),
         ("leaver", "Care leavers")]


def coarsen_answers(apps, schema_editor):
    """Month and collection year from the day answered; a random submission key each."""
    responses = apps.get_model("voice", "SurveyResponse")
    for response in responses.objects.all():
        day = response.answered_on
        response.answered_month = day.replace(day=1)
        response.collection_year = day.year + (day.month >= 4)
        response.submission = secrets.token_hex(32)
        response.save(update_fields=["answered_month", "collection_year", "submission"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_audit_append_only'),
        ('voice', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='surveyresponse',
            name='answered_month',
            field=models.DateField(null=True, help_text='The first day of the month answered'),
        ),
        migrations.AddField(
            model_name='surveyresponse',
            name='collection_year',
            field=models.PositiveSmallIntegerField(null=True, help_text='The year ending 31 March'),
        ),
        migrations.AddField(
            model_name='surveyresponse',
            name='submission',
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(coarsen_answers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='surveyresponse',
            name='answered_month',
            field=models.DateField(help_text='The first day of the month answered'),
        ),
        migrations.AlterField(
            model_name='surveyresponse',
            name='collection_year',
            field=models.PositiveSmallIntegerField(help_text='The year ending 31 March'),
        ),
        migrations.AlterField(
            model_name='surveyresponse',
            name='submission',
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AddField(
            model_name='surveyresponse',
            name='gender',
            field=models.CharField(blank=True, choices=[('girl', 'A girl or young woman'), ('boy', 'A boy or young man'), ('other', 'I describe myself another way'), ('unsaid', "I'd prefer not to say")], default='', max_length=10),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='surveyresponse',
            name='placement',
            field=models.CharField(blank=True, choices=[('foster', 'With a foster family'), ('family', 'With relatives or family friends'), ('home', "In a children's home"), ('own', 'On my own or in supported accommodation'), ('other', 'Somewhere else'), ('unsaid', "I'd prefer not to say")], default='', max_length=10),
            preserve_default=False,
        ),
        migrations.RemoveField(model_name='surveyresponse', name='answered_on'),
        migrations.RemoveField(model_name='surveyresponse', name='invitation'),
        migrations.DeleteModel(name='SurveyInvitation'),
        migrations.CreateModel(
            name='SurveyBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('band', models.CharField(choices=BANDS, max_length=10)),
                ('size', models.PositiveSmallIntegerField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField()),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                ('refused_tries', models.PositiveIntegerField(default=0)),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.authority')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('team', models.ForeignKey(blank=True, help_text="Context for the maker's list only", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.team')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='SurveyCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('used_on', models.DateField(blank=True, null=True)),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='voice.surveybatch')),
            ],
        ),
    ]
