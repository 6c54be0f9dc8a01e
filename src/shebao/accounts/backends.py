"""Citizen sign-in with the resident ID number and password."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from shebao.pii.blind_index import blind_index

from .models import User


def citizen_username(resident_id: str) -> str:
    return "c-" + blind_index("resident_id", resident_id)[:40]


class ResidentIdBackend(ModelBackend):
    """Maps an ID number to the citizen's opaque username, then checks the password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or len(username.strip()) != 18:
            return None
        try:
            user = User.objects.get(
                username=citizen_username(username.strip().upper()), kind=User.Kind.CITIZEN
            )
        except User.DoesNotExist:
            User().set_password(password)  # same work either way: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
