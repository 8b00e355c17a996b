"""Follow-ups: the follow-up visit form, its record and the core's progression, accepting it
(carrying the clinician's plan edits over), and the episode's outcomes over the visits."""
