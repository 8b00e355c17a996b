"""The clinic web application: a Django project whose apps are thin shells over the core.

Apps (one folder per capability): ``clinics`` (clinics, profiles, sign-in), ``audit`` (the
append-only trail), ``patients`` (patients and episodes of care), ``assessments``
(assessments, results, plan versions, follow-ups, outcomes) and ``programmes`` (home
exercise programmes: patient links, PDFs, session logs).
"""
