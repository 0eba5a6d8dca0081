"""Hồ sơ — dossiers: codes, states, due dates, timeliness, intake, import and private lookup."""
