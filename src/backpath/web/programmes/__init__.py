"""Home exercise programmes: the patient's link (no account), its PDF and session logs."""
