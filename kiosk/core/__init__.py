"""Shared web infrastructure: sign-in and permissions, the database session, errors, languages, logs,
metrics, health, rate limits, security headers, QR codes."""
