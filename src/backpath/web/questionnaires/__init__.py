"""A clinic's licensed wording of the ODI and RMDQ, entered by its admins, for patients at home."""
