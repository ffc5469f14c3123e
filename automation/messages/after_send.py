"""What a capability does once one of its messages is sent (e.g. session notes: Notes Status → Sent).

Capabilities register a hook for a message kind when their module is imported (the registry imports every
catalog module); `deliver` calls the hooks with the messages it has just sent, whichever path sent them
(the approval webhook or the send-due cron). A failing hook is reported on the run and never undoes or
repeats the send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from automation.errors import RecordProblem

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Message

log = logging.getLogger(__name__)

AfterSend = Callable[["JobContext", list["Message"]], None]
_HOOKS: dict[str, list[AfterSend]] = {}


def on_sent(kind: str, hook: AfterSend) -> None:
    """Call `hook(ctx, messages)` with the messages of this kind each delivery has just sent."""
    hooks = _HOOKS.setdefault(kind, [])
    if hook not in hooks:
        hooks.append(hook)


def notify(ctx: JobContext, sent: Sequence[Message]) -> None:
    by_kind: dict[str, list[Message]] = {}
    for m in sent:
        if m.kind in _HOOKS:
            by_kind.setdefault(m.kind, []).append(m)
    for kind, messages in by_kind.items():
        for hook in _HOOKS[kind]:
            try:
                hook(ctx, messages)
            except Exception as exc:  # the message is sent: report, never raise into delivery
                log.exception("after-send hook for %s failed", kind)
                for m in messages:
                    reason = f"after-send {getattr(hook, '__name__', 'hook')} failed: {type(exc).__name__}"
                    ctx.run.report(RecordProblem("messages", m.id, None, None, reason))
