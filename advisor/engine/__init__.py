"""The advice engine: plain Python, no Django, no HTTP, no templates, no `profiles`.

A validated `ApplicantProfile` and a specialty's `Weighting` go in
(`applicant`, `weighting`), an `Assessment` comes out (`assessment.assess`):
the facts the answers imply (`facts`), the scores (`scores`), the dated plan
(`plan/`), the reasons (`reasons`, `wording`) and the site's words (`content`).
`tests/advisor/test_engine_imports.py` fails if any module here imports
Django, HTTP libraries, `profiles` or the rest of `advisor`.
"""
