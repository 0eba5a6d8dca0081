"""Trợ lý ảo — what the assistant's conversations teach the centre: each citizen turn in a compact, masked
form (``turns``), the citizen's 👍 / 👎 on an answer (``feedback``), the figures a manager reads
(``summary``), the questions it missed grouped by similar text (``missed``), the phrasings a manager taught
that the catalogue search uses at once (``learned``), and how long all of it is kept (``retention``).

Turns arrive from the assistant's tracker store (bot/stores/turns.py) through ``POST /api/v1/assistant/turns``;
no text is stored before ``masking.mask`` (docs/assistant-insights.md).
"""
