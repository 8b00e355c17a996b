"""Plans: the plan page and its editor, numbered plan versions, accepting a plan, and plan
templates."""
