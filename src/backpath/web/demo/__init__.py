"""Demo data: two clinics, three clinicians and a dozen patients across classifications."""
