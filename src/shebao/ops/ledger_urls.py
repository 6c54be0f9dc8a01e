"""Public audit endpoints of the offices' transparency logs; included at `ledger/`.

`/ledger/<office>/…` names the log in the path (give partners this base URL); the short
`/ledger/…` forms take `?office=<code>` (needed when the site has several offices).
"""

from django.urls import path

from . import ledger_views as views

app_name = "ledger"

_ENDPOINTS = [
    ("checkpoint", views.checkpoint, "checkpoint"),
    ("key", views.key, "key"),
    ("entries/<str:index>", views.entry, "entry"),
    ("proof/inclusion", views.inclusion, "inclusion"),
    ("proof/consistency", views.consistency, "consistency"),
]

urlpatterns = [path(route, view, name=name) for route, view, name in _ENDPOINTS] + [
    path(f"<slug:office>/{route}", view, name=f"office-{name}") for route, view, name in _ENDPOINTS
]
