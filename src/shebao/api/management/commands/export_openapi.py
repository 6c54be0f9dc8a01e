import json
from pathlib import Path

from django.core.management.base import BaseCommand

from shebao.api.urls import api


class Command(BaseCommand):
    help = "Write the API's OpenAPI schema to docs/openapi.json (a test fails when they differ)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="docs/openapi.json")

    def handle(self, *args, output, **options):
        schema = api.get_openapi_schema(path_prefix="/api")
        Path(output).write_text(
            json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"wrote {output}")
