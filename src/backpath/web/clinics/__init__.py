"""Clinics, clinician profiles (clinic + role), sign-in and automatic sign-out."""
