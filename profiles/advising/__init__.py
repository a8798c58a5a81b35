"""Advising: groups of advisors, what applicants share with them, notes and
feedback, the caseload pages, and the record of who looked at what."""
