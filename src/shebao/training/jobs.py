"""Background jobs started in training run in training.

A task published while `active()` is in force carries the header `shebao_training`; the worker
runs such a task inside `active()` (task_prerun enters, task_postrun leaves). A retry is
published from inside the task, so it carries the header again. Eager tasks (run in the
caller's thread) simply inherit the caller's context.
"""

from __future__ import annotations

from contextlib import ExitStack

from celery.signals import before_task_publish, task_postrun, task_prerun

from . import active, is_active

HEADER = "shebao_training"
_stacks: dict[str, ExitStack] = {}


@before_task_publish.connect(weak=False, dispatch_uid="shebao-training-publish")
def _mark(sender=None, headers=None, **_):
    if is_active() and headers is not None:
        headers[HEADER] = True


def _flag(task) -> bool:
    request = task.request
    if getattr(request, HEADER, False):
        return True
    nested = getattr(request, "headers", None) or {}
    return bool(nested.get(HEADER))


@task_prerun.connect(weak=False, dispatch_uid="shebao-training-prerun")
def _enter(sender=None, task_id=None, task=None, **_):
    if task is not None and task_id and _flag(task) and not is_active():
        stack = ExitStack()
        stack.enter_context(active())
        _stacks[task_id] = stack


@task_postrun.connect(weak=False, dispatch_uid="shebao-training-postrun")
def _leave(sender=None, task_id=None, **_):
    stack = _stacks.pop(task_id, None)
    if stack is not None:
        stack.close()
