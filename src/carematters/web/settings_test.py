"""Settings for the test suite: the real settings with fast hashing and no static manifest."""

import os

os.environ.setdefault("CAREMATTERS_SECRET_KEY", "test-only-secret-key-not-for-use")
os.environ.setdefault("CAREMATTERS_STATIC_MANIFEST", "False")
os.environ.setdefault("CAREMATTERS_SSL_REDIRECT", "False")

from carematters.web.settings import *  # noqa: E402,F403

# Argon2 on every persona login would make the suite slow; the real hasher is checked elsewhere.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The audit trail's JSON lines would drown test output; the database rows are what tests check.
LOGGING["loggers"]["carematters.audit"]["level"] = "WARNING"  # noqa: F405

# Serve static files straight from the finders: tests do not depend on collectstatic having run.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
