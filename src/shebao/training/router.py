"""The database router of training mode.

Outside training it says nothing (Django's default: the "default" database). While training is
active the "default" connection is the sandbox's (see the package docstring), so ordinary rows
need no routing. Only the session stays real: it is the person's sign-in, not practice (a key
cycled or a session flushed while practising must change the real one). Everything else a
practice request writes, authenticator devices and lockout records included, stays in the
sandbox: practice never writes to the real database.
Staff accounts themselves exist in both databases with the same primary keys (copied in by
`training_reset`), because business rows of the sandbox refer to them.
"""

from __future__ import annotations

from . import REAL, is_active

# App labels whose rows always live in the real database.
SIGN_IN_STATE = frozenset({"sessions"})


class TrainingRouter:
    def _route(self, model, **hints):
        if is_active() and model._meta.app_label in SIGN_IN_STATE:
            return REAL
        return None

    db_for_read = _route
    db_for_write = _route

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return None  # both databases get every table
