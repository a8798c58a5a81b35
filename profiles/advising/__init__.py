"""Advising: groups of advisors, what applicants share with them, notes and
feedback, the caseload pages, and the record of who looked at what."""

# The extra tag of a message about a change made in one card of a page (sharing,
# notes): the card shows it where the page lands, the page's top does not.
IN_CARD = "in-card"
