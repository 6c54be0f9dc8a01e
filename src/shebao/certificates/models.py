from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.pii.fields import EncryptedTextField


class SigningKey(models.Model):
    """An office's Ed25519 key for signing certificates (its private half stored encrypted).

    A key of its own, not the ledger's checkpoint key: a key signs one kind of statement, so a
    certificate signature can never be replayed as a checkpoint, and either key can be rotated
    on its own schedule. The public key is published through the office's ledger (event
    ``certificate.key_created``), so it is as auditable as the checkpoints. Retired keys stay:
    certificates they signed still verify.
    """

    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    vkey = models.CharField(max_length=200, help_text="C2SP verifier key: name+keyid+base64")
    # An EncryptedTextField, so `shebao pii rotate` re-encrypts it with the personal data.
    skey_enc = EncryptedTextField(kind="certificate-skey")
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office"],
                condition=models.Q(retired_at__isnull=True),
                name="certificate_key_one_active_per_office",
            )
        ]


class Certificate(models.Model):
    """One issued insurance certificate (参保证明).

    ``signed_note`` is the source of truth: the snapshot (masked name and ID, insured periods,
    office, time of issue, code) signed by the office's key. Pages and PDFs show what the
    verified note says, never a second copy that could drift. ``digest`` (SHA-256 of the note)
    is the fingerprint printed on the certificate and recorded in the ledger.
    """

    class Reason(models.TextChoices):
        # A closed list: the reason is shown to whoever holds the code, so free text (which
        # could carry personal details) is not offered.
        ISSUED_IN_ERROR = "issued_in_error", _("It was issued in error")
        RECORDS_CORRECTED = "records_corrected", _("The records it shows have been corrected")
        PERSON_REQUEST = "person_request", _("The insured person asked to withdraw it")
        SUSPECTED_MISUSE = "suspected_misuse", _("Suspected misuse")

    code = models.CharField(max_length=16, unique=True)
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="certificates")
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_note = models.TextField()
    digest = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, choices=Reason.choices, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["person", "issued_at"])]
