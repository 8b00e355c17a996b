"""Development-only management commands (``seed_bench``: benchmark data with a published
password). Installed only with ``DEBUG`` or ``DEV_COMMANDS`` true, so never in production."""
