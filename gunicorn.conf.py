"""gunicorn's settings for every way the app is started (make run, the local cluster, the systemd
units, the benchmarks and the end-to-end tests all start gunicorn from the project's root, where
gunicorn reads this file by default). Command-line options still win."""


def post_worker_init(worker) -> None:
    """Build the catalogue index before this worker accepts a request (kiosk/core/warmup.py says why)."""
    from kiosk.core.warmup import warm

    warm(worker.wsgi)
