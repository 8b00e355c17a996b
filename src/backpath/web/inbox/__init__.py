"""The clinician's inbox: red and emergency reports and patients' messages, each reaching a
person at once (an entry and an email, sent as a job), acknowledged with a note (audited),
and escalated to the clinic's admins when nobody acknowledged a red report for a working day."""
