"""backpath: directional-preference-led care for low back pain.

The clinical core lives in :mod:`backpath.core` (pure Python, no Django); the command line in
:mod:`backpath.cli`; the web app in :mod:`backpath.web`.
"""

__version__ = "0.1.0"
