"""FHIR R4 read (``/fhir/``): resources built and validated with ``fhir.resources`` R4B."""
