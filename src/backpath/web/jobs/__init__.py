"""Background jobs on Django's tasks framework (the django-tasks backport).

:func:`queue.job` turns a function into a task that is retried with back-off and, once out of
tries, recorded as a :class:`models.JobFailure` for the clinic's admins. :mod:`worker` runs the
queue beside the app: the database backend's worker with a heartbeat, so a job whose worker
died (``kill -9``) goes back on the queue, plus the periodic jobs.
"""
