"""The JSON API (``/api/v1/``): django-ninja over the same access helpers and actions as the
pages. Machines authenticate as per-clinic :class:`~.models.ApiClient`\\ s."""
