"""Filled in by step 5."""

from ninja import Router

router = Router()
