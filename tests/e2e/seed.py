"""Seed the end-to-end database with the personas' world and print the children's ids as JSON."""

import json
import sys

import django

django.setup()

from tests.web.conftest import build_world  # noqa: E402

world = build_world()
sys.stdout.write(json.dumps({key: str(child.pk) for key, child in world.children.items()}) + "\n")
