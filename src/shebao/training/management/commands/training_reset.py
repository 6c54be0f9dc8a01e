"""`shebao training_reset`: rebuild the training sandbox (see shebao.training.services)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shebao.training import configured
from shebao.training.services import training_prepare


class Command(BaseCommand):
    help = "Empty the training database and fill it with staff copies and a synthetic city."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=60, help="synthetic insured persons")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, persons: int, today: dt.date | None, **options):
        if not configured():
            raise CommandError("No training database: settings.DATABASES has no 'training'.")
        if persons < 1:
            raise CommandError("--persons must be at least 1")
        result = training_prepare(persons=persons, today=today or timezone.localdate())
        self.stdout.write(
            "Training database ready: {persons} persons, {staff} staff copies, "
            "{ledger_events} ledger events.".format(**result)
        )
