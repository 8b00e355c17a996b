"""Camera-assisted repeated movements: the measuring page and the suggestion endpoint.

The measurement runs in the browser (``static/backpath/camera/measure.js``); the suggested
``mechanical`` response comes from the core (``backpath.core.camera``, rule CAM1)."""
