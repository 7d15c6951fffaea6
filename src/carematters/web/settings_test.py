"""Settings for the test suite: the real settings with fast hashing and no static manifest."""

import os

os.environ.setdefault("CAREMATTERS_SECRET_KEY", "test-only-secret-key-not-for-use")
os.environ.setdefault("CAREMATTERS_STATIC_MANIFEST", "False")

from carematters.web.settings import *  # noqa: E402,F403

# Argon2 on every persona login would make the suite slow; the real hasher is checked elsewhere.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
