"""Advisor accounts: log-in, lockouts and password reset, each throttled by client address."""
