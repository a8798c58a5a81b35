"""gunicorn's control socket (gunicorn 25+) defaults to one path for every server of
a user, so one server's `gunicornc` could stop or rescale another: ours has none
unless GUNICORN_CONTROL_SOCKET gives it a path of its own."""

import runpy
import time

from tests.gunicorn_server import ROOT, gunicorn_server


def test_a_server_makes_no_control_socket_at_the_shared_default_paths(tmp_path):
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir()
    with gunicorn_server(env={"HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}) as server:
        time.sleep(1)  # gunicorn starts its control server after the workers
        assert "Control socket" not in server.output()
        assert list(home.rglob("*")) == [] and list(runtime.rglob("*")) == []


def test_a_control_socket_only_at_a_path_given_for_this_server(monkeypatch, tmp_path):
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", str(tmp_path / "advisor.ctl"))
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["control_socket"] == str(tmp_path / "advisor.ctl")
    assert settings["control_socket_disable"] is False
