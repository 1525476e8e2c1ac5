"""Filled in by the support step."""

from ninja import Router

router = Router()
