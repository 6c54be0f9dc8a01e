from django.core.management.base import BaseCommand

from shebao.pii.services import pii_reencrypt_all


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data under the first key of SHEBAO_DATA_KEYS. Put the new key "
        "first, keep the old ones after it until this has run, then remove them."
    )

    def handle(self, *args, **options):
        changed = pii_reencrypt_all()
        self.stdout.write(f"re-encrypted {changed} values")
