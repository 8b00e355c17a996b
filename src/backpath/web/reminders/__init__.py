"""Reminders the patient sets on their link: email (with recorded consent), an optional SMS
backend, a calendar feed, and a nudge after three days without a log."""
