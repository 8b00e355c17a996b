"""Patients and their episodes of care (one per complaint)."""
