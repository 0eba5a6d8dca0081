"""Pages for officers, managers and administrators (``/quan-ly``, ``/quay``, ``/ho-so``): intake and
receipts, counters and officers, live ratings, accounts, reports, notification figures, procedure groups."""
