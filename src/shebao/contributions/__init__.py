"""Enrolments per insurance type, monthly contributions and the personal account (个人账户)."""
