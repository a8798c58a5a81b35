from tests.profiles.advisor_fixtures import advisor, advisor_client, staff_client  # noqa: F401
