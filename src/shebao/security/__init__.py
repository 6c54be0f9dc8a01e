"""Security monitoring (安全监控): rules over the sign-in and audit streams, acting in real time.

Sign-in failures and successes (Django's auth signals), case pages opened, break-glass showings
(查看完整证件号) and exports are observed as they happen (`services.observe_*`). Pure rules
(`rules.py`) judge counts in time windows; a finding raises an `Alert` for the security
dashboard (/staff/security/), and the severe ones freeze (冻结) the staff account or block the
client address at once (`Freeze`), with the reason recorded in the ledger, until a supervisor
releases it (or, for an address, a cool-down passes). `middleware.FreezeMiddleware` refuses
every request of a frozen account and every sign-in from a blocked address.
"""
