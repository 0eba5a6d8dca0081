"""The touch kiosk beside each counter (its page and service worker; the ratings it sends go to
``kiosk.api.ratings``) and its enrolment by a manager. Page: ``templates/rating/kiosk.html``, script:
``static/kiosk/``, CLI: ``flask counters enroll|revoke`` (``kiosk.cli.counters``)."""
