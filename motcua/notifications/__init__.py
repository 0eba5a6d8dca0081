"""Theo dõi hồ sơ — citizens follow a dossier and are told, exactly once, when its state changes."""
