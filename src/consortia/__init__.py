"""Consortia: run an ORCID consortium program end to end."""

__version__ = "0.1.0"
