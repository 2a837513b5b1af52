"""Governed writes: proposals, their state machine, review policies and screening.

AI proposes, a human approves (STYLE.md 2.10). Anything a model or tool wants
to remember becomes a :class:`~memstack.models.Proposal`; only an approval
creates, updates or deletes a record, and it does so in the same store
transaction as the proposal's state change and its history event.

The modules are layered so each decision exists once:

* :mod:`.state`: the state machine (pure).
* :mod:`.policy`: which policy applies to a scope and kind (pure).
* :mod:`.screening`: turning screening findings into a refusal for secrets.
* :mod:`.apply`: the record ops an approval writes.
* :mod:`.events`: the history events of proposing and deciding.
* :mod:`.propose`: the propose plan (screen, store, let the policy act).
* :mod:`.plans`: the other plans ``Memory`` runs (generators, no I/O of their own);
  it re-exports ``propose``.

This package imports nothing from the planner at import time, because the
planner itself calls :func:`.screening.screen_human` for human writes.
"""
