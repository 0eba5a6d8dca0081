"""Personal data under Law 91/2025/QH15: the scrubber of free text, encryption at rest of
identification numbers, retention periods and the purge, and the access log (docs/personal-data.md)."""
