"""Enrolments per insurance type, monthly contribution records and the personal account (个人账户)."""
