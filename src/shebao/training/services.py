"""Preparing the sandbox (培训库): `training_prepare`, run by `shebao training_reset`.

1. Migrate and empty the training database.
2. Copy every real staff account in with the same primary key (business rows of the sandbox
   refer to staff: assignee, event actor, decision maker and checker). The copies get no
   password and no authenticator: nobody signs in to the sandbox; people sign in for real and
   then practise.
3. Seed a small synthetic city there through the normal seed (`demo.seed.seed_city`), so the
   sandbox has its own offices, persons, employers, applications and ledger.
4. A demo staff account the seed made under a real staff member's username is merged into the
   copy (its rows repointed, then removed); a copy gets the office of the same code, else that
   of the seeded namesake, else of a seeded colleague with the same role.
5. The sandbox's offices get ledger origins ending in "/training" and the log is sequenced with
   their own signing keys, so no checkpoint of practice can pass for a real one.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from . import TRAINING, active, is_active

ORIGIN_SUFFIX = "/training"
_COPIED = ("is_active", "is_staff", "is_superuser", "first_name", "last_name", "email", "role")


class SameDatabase(RuntimeError):
    """The training alias names the real database: emptying it would destroy real records."""


def same_database(a: dict, b: dict) -> bool:
    key = ("ENGINE", "NAME", "HOST", "PORT")
    return tuple(str(a.get(k) or "") for k in key) == tuple(str(b.get(k) or "") for k in key)


class NotOutside(RuntimeError):
    """`training_prepare` reads the real staff, so it must not run inside `active()`."""


def training_prepare(*, persons: int = 60, today: dt.date, seed: int = 2026) -> dict[str, int]:
    """Rebuild the sandbox from nothing; returns what it holds."""
    if is_active():
        raise NotOutside("training_prepare must run outside training mode")
    from shebao.demo.seed import seed_city

    if same_database(connections.settings[TRAINING], connections.settings[DEFAULT_DB_ALIAS]):
        raise SameDatabase("the training database must not be the real one")
    call_command("migrate", database=TRAINING, interactive=False, verbosity=0)
    call_command("flush", database=TRAINING, interactive=False, verbosity=0)
    User = get_user_model()
    real_staff = list(
        User.objects.using(DEFAULT_DB_ALIAS).filter(kind="staff").select_related("office")
    )
    with active():
        _copy_staff(real_staff)
        city = seed_city(persons=persons, today=today, seed=seed)
        merged = _merge_seeded_staff(real_staff)
        events = _own_ledger()
    return {**city, "staff": len(real_staff), "merged": merged, "ledger_events": events}


def _tmp_name(pk: int) -> str:
    return f"~training-copy-{pk}"


def _copy_staff(real_staff) -> None:
    User = get_user_model()
    unusable = make_password(None)
    with transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    pk=u.pk,
                    username=_tmp_name(u.pk),
                    kind="staff",
                    password=unusable,
                    date_joined=u.date_joined,
                    **{f: getattr(u, f) for f in _COPIED},
                )
                for u in real_staff
            ]
        )
        # Explicit keys do not move PostgreSQL's sequence: the seed's users must come after.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [User]):
                cursor.execute(sql)


def _devices_of(user) -> None:
    for model in apps.get_models():
        if model._meta.app_label.startswith("otp_"):
            model._base_manager.filter(user=user).delete()


def _repoint(old, new) -> None:
    """Every row that refers to `old` refers to `new` afterwards."""
    for rel in type(old)._meta.get_fields(include_hidden=True):  # hidden: related_name="+"
        if not (rel.auto_created and not rel.concrete) or rel.many_to_many:
            continue
        if rel.related_model._meta.app_label.startswith("otp_"):
            continue
        name = rel.field.name
        rel.related_model._base_manager.filter(**{name: old}).update(**{name: new})


def _merge_seeded_staff(real_staff) -> int:
    User = get_user_model()
    Office = apps.get_model("regions", "Office")
    merged = 0
    with transaction.atomic():
        seeded = {
            u.username: u
            for u in User.objects.filter(kind="staff").exclude(pk__in=[u.pk for u in real_staff])
        }
        by_code = {o.code: o for o in Office.objects.all()}
        by_role = {}
        for u in seeded.values():
            by_role.setdefault(u.role, u.office)
        fallback = next(iter(by_code.values()), None)
        for real in real_staff:
            copy = User.objects.get(pk=real.pk)
            namesake = seeded.pop(real.username, None)
            office = by_code.get(getattr(real.office, "code", None))
            if namesake is not None:
                office = office or namesake.office
                _devices_of(namesake)
                _repoint(namesake, copy)
                namesake.delete()
                merged += 1
            copy.username = real.username
            copy.office = office or by_role.get(real.role) or fallback
            copy.save(update_fields=["username", "office"])
    return merged


def _own_ledger() -> int:
    """Give the sandbox's offices their own origins and keys and sequence its log afresh."""
    from shebao.ledger.sequencer import sequence_all

    Office = apps.get_model("regions", "Office")
    LedgerEvent = apps.get_model("ledger", "LedgerEvent")
    with transaction.atomic():
        for model in ("Checkpoint", "LogNode", "LogKey"):
            apps.get_model("ledger", model)._base_manager.all().delete()
        LedgerEvent.objects.update(leaf_index=None, sequenced_at=None)
        for office in Office.objects.exclude(ledger_origin__endswith=ORIGIN_SUFFIX):
            office.ledger_origin = office.ledger_origin + ORIGIN_SUFFIX
            office.save(update_fields=["ledger_origin"])
    sequence_all()
    return LedgerEvent.objects.count()
