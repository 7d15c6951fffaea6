"""Password sign-in as Django's, but the signed-in user comes with their authority and team.

Every page shows the authority's name and most access checks read the user's team, so loading
them with the user saves a query on every request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserWithAuthorityBackend(ModelBackend):
    def get_user(self, user_id):
        user = (get_user_model()._default_manager.select_related("authority", "team")
                .filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
