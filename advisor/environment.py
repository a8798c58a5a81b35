"""Reading settings from the environment: shared by advisor/settings.py and by
deploy/serve.py, which starts before Django and must read them the same way."""

import os


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def trusted_proxy_count() -> int:
    """How many proxies in front append to X-Forwarded-For; 0 ignores the header
    (clients could forge it). One with BEHIND_TLS_PROXY unless set."""
    default = "1" if env_bool("BEHIND_TLS_PROXY") else "0"
    return int(os.environ.get("TRUSTED_PROXY_COUNT", default))
