"""Patients and their episodes of care (one per complaint): the episode page, with its SOAP
note per visit, closing and reopening an episode."""
