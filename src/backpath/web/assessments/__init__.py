"""Assessments: the assessment form (with drafts) → a ``backpath/assessment/1`` record → the
core's result, the result page and the record export. Clinical decisions come from
:mod:`backpath.core`; this app stores and shows them."""
