"""A call as Rasa makes it to the action server's ``/webhook``: run ``action_start_status`` for a new
conversation."""

CALL = {
    "next_action": "action_start_status",
    "sender_id": "citizen-1",
    "tracker": {"sender_id": "citizen-1", "slots": {}, "latest_message": {}, "events": [], "active_loop": {}},
    "domain": {},
    "version": "3.6.2",
}
