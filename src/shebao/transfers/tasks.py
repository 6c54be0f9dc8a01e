"""The simulated partner office answering in the background (see `exchange.SimulatedPartner`).

`partner_answer_task` is queued with ``.delay`` once the package is committed. The beat entry
``transfers-partner-answer`` (every 30 s, `partner_answer_pending_task`) answers anything a lost
message left behind; answering twice is harmless (a package is answered once).
"""

from __future__ import annotations

from celery import shared_task


@shared_task(name="shebao.transfers.tasks.partner_answer_task", ignore_result=True)
def partner_answer_task(record_id: int) -> int:
    from .services import simulated_partner_answer

    return simulated_partner_answer(record_id=record_id)


@shared_task(name="shebao.transfers.tasks.partner_answer_pending_task", ignore_result=True)
def partner_answer_pending_task() -> int:
    from .selectors import pending_partner_packages
    from .services import simulated_partner_answer

    return sum(simulated_partner_answer(record_id=pk) for pk in pending_partner_packages())
