"""Where Rasa keeps conversations (``endpoints.yml``, ``tracker_store``)."""
