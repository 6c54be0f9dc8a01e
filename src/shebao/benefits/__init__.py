"""Retirees' pension awards and monthly pension payments."""
