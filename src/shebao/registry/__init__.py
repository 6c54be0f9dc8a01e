"""Insured persons (参保人), employers (参保单位) and life events."""
