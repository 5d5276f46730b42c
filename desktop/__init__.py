"""Encounter Guide: an offline field reference for Chicago police on federal immigration enforcement."""

__version__ = "0.1.0"
APP_NAME = "Encounter Guide"
APP_ID = "encounter-guide"
