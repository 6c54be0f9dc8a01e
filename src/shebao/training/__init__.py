"""Training mode (培训模式): staff practise on a sandbox database through the same code.

While `active()` is in force (for one request of a staff member who switched training on, or a
background job started from such a request) the connection Django calls "default" *is* the
training database's connection. Every ORM query, `transaction.atomic()`, `select_for_update()`,
`transaction.on_commit()`, `connection.in_atomic_block` (the ledger's guard) and raw
`connection.cursor()` therefore reach the sandbox, and no code path needs to know about it:
that is what "same code" means. A database router (`router.py`) only keeps the sign-in state
(sessions, authenticator devices, lockout records) in the real database.

Instances loaded in training carry the alias "default" like real ones; they must not outlive the
context (nothing in the platform keeps model instances across requests).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

TRAINING = "training"  # the alias in settings.DATABASES
REAL = "shebao-real"  # the real default connection, reachable under this alias while training
SESSION_KEY = "shebao_training"  # the flag in a staff member's session

_active: ContextVar[bool] = ContextVar("shebao_training", default=False)


def is_active() -> bool:
    """Whether this thread of work runs against the training database."""
    return _active.get()


def configured() -> bool:
    """Whether settings name a training database."""
    return TRAINING in connections.settings


@contextmanager
def active() -> Iterator[None]:
    """Run the block against the training database (re-entrant)."""
    if _active.get():
        yield
        return
    store = connections._connections  # the per-thread connection objects
    real = connections[DEFAULT_DB_ALIAS]
    sandbox = connections[TRAINING]
    token = _active.set(True)
    setattr(store, REAL, real)
    setattr(store, DEFAULT_DB_ALIAS, sandbox)
    try:
        yield
    finally:
        setattr(store, DEFAULT_DB_ALIAS, real)
        delattr(store, REAL)
        _active.reset(token)
