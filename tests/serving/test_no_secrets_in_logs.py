"""A whole visit through `make serve`'s servers (nginx in front, gunicorn with its
access log on) leaves no secret in anything they print: no profile token (request
lines, the what-if query, Referer headers, 404 lines, nginx's own error lines), no
reset link uid or token, no answers or searched name from a query string, no
address the private link was e-mailed to."""

import re
import secrets

import requests

from tests.gunicorn_server import gunicorn_server
from tests.serving.http_journey import (
    fill_wizard,
    form_with,
    log_in,
    reset_password,
    share_with_group,
)

ADVISOR, EMAIL = "ana", "ana@example.org"
GROUP = "Serving test group"
LINK_TO = "amina.k@example.net"  # "Email me this link": the address is never logged


def test_a_full_visit_prints_no_token_reset_link_or_query(tmp_path):
    password = secrets.token_urlsafe(16)
    name = f"Journey {secrets.token_hex(6)}"
    stranger = secrets.token_urlsafe(32)  # a token nobody has: a 404
    with gunicorn_server(behind_nginx=True, access_log=True) as server:
        made = server.manage(
            "create_advisor", ADVISOR, "--email", EMAIL, "--group", GROUP, stdin=password + "\n"
        )
        code = re.search(r"code (\w{4}-\w{4})", made).group(1).replace("-", "")
        applicant = requests.Session()
        token = fill_wizard(applicant, server.url, name=name)
        result = f"{server.url}/p/{token}/"
        came_from = {"Referer": result}
        assert applicant.get(f"{server.url}/join/{code}/").ok
        share_with_group(applicant, server.url, token=token, code=code)
        action, fields = form_with(applicant.get(result), "label")
        made_link = applicant.post(action, data=fields | {"label": "Mentor"}, headers=came_from)
        read_only = re.search(r"/v/([\w-]{20,})/", made_link.text).group(1)
        assert requests.get(f"{server.url}/v/{read_only}/", headers=came_from).ok
        what_if = {"usce_hands_on_weeks": "13", "research_abstracts": "7"}
        assert applicant.get(f"{result}what-if/", params=what_if, headers=came_from).ok
        assert applicant.get(f"{result}edit/", headers=came_from).ok
        action, fields = form_with(applicant.get(result), "email")
        sent = applicant.post(action, data=fields | {"email": LINK_TO}, headers=came_from)
        assert sent.ok and "Sent." in sent.text
        assert applicant.get(f"{result}plan.ics", headers=came_from).ok
        assert requests.get(f"{server.url}/p/{stranger}/", headers=came_from).status_code == 404
        # Over nginx's body limit: nginx refuses it and logs the request line.
        oversized = requests.post(
            f"{result}edit/?usce_hands_on_weeks=13", data=b"x" * 2_000_000, headers=came_from
        )
        assert oversized.status_code == 413

        advisor = requests.Session()
        reset_link, new_password = reset_password(
            advisor, server.url, email=EMAIL, mail=server.mail_folder
        )
        log_in(advisor, server.url, ADVISOR, new_password)
        assert name in advisor.get(f"{server.url}/advisor/", params={"q": name}).text

    log = server.log
    uid, reset_token = reset_link.strip("/").split("/")[-2:]
    # The visit is in the log, masked (without it this test could not fail) ...
    for expected in (
        r'"GET /p/\[token\]/what-if/\?\[query\] HTTP/1\.\d" 200',
        rf'"GET /p/\[token\]/edit/ HTTP/1\.\d" 200 \d+ \d+ms "{server.url}/p/\[token\]/"',
        r"Not Found: /p/\[token\]/",
        r'"GET /accounts/reset/\[uid\]/\[token\]/ HTTP/1\.\d" 302',
        r'"GET /advisor/\?\[query\] HTTP/1\.\d" 200',
        r'"POST /p/\[token\]/email-link/ HTTP/1\.\d" 302',
        r'"GET /join/\[code\]/ HTTP/1\.\d" 200',
        r'"GET /p/\[token\]/share/\?\[query\] HTTP/1\.\d" 200',
        r'"GET /v/\[token\]/ HTTP/1\.\d" 200',
        r'client intended to send too large body.*request: "POST /p/\[token\]/edit/\?\[query\]',
    ):
        assert re.search(expected, log), f"{expected} not logged:\n{log[-5000:]}"
    # ... and no secret is.
    secrets_printed = (
        token,
        stranger,
        reset_token,
        f"reset/{uid}/",
        name,
        LINK_TO,
        read_only,
        code,
    )
    for secret in (*secrets_printed, "hands_on_weeks=13"):
        assert secret not in log, f"{secret} is in the log:\n{log[-5000:]}"
