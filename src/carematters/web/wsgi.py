"""WSGI entry point: `gunicorn carematters.web.wsgi` or the demo's runserver."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carematters.web.settings")
application = get_wsgi_application()
