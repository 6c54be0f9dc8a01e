"""The service guide (办事指南): what each online service is for and how to use it."""

from __future__ import annotations

from django.shortcuts import render


def guide(request):
    return render(request, "portal/guide.html")
