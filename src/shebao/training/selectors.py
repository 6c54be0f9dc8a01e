"""Reads about the sandbox: is it prepared, and which copy of a staff member practises there."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction

from . import active, configured


def training_user_for(user):
    """The sandbox's copy of a staff member (same primary key), or None when the sandbox is not
    prepared for them. Must run inside `active()`. The copy carries the real account's role and
    active flag for this request: what someone may practise follows their real role."""
    User = get_user_model()
    try:
        with transaction.atomic():  # a savepoint: a missing table must not break the caller
            copy = User.objects.select_related("office").filter(pk=user.pk, kind="staff").first()
    except DatabaseError:
        return None
    if copy is None:
        return None
    copy.role = user.role
    copy.is_active = user.is_active
    return copy


def training_ready_for(user) -> bool:
    """Whether this staff member can switch training on (the sandbox has their copy)."""
    if not configured():
        return False
    with active():
        return training_user_for(user) is not None
