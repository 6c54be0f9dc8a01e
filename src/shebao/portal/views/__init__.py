"""Citizen pages: each view parses, checks access, calls one selector or service, renders."""
