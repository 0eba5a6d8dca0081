"""Report periods the dashboard and export tests ask for, as the query string of /quan-ly/bao-cao."""

APRIL = {"kind": "month", "year": "2021", "number": "4"}
