"""Assessments (form → ``backpath/assessment/1`` record → result), versioned plans, follow-ups,
outcomes and the SOAP note. Clinical decisions come from :mod:`backpath.core`; this app stores
and shows them."""
