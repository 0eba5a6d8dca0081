"""Chuyển cho cán bộ — the hand-off of an assistant conversation to an officer of the citizen's unit:
the queue, the working hours it depends on, and the messages exchanged (docs/handoff.md)."""
