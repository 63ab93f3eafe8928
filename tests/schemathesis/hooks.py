"""Schemathesis hooks for scripts/test-openapi: every generated request carries a fresh API session.

A fresh login per request keeps the run going when a generated request ends its own session
(DELETE /session revokes the token it was made with) or resets the fuzzing account's password
(PUT /users/{id}/password with its own id): the hook then sets the password back with
`claimdesk user password`, the command line's recovery, and logs in again. No operation is
excluded from the run.
"""
import os
import subprocess

import requests
import schemathesis

BASE = os.environ["CLAIMDESK_FUZZ_BASE"]
USER = os.environ["CLAIMDESK_FUZZ_USER"]
PASSWORD = os.environ["CLAIMDESK_FUZZ_PASSWORD"]
BINARY = os.environ["CLAIMDESK_FUZZ_BIN"]
DATABASE = os.environ["CLAIMDESK_FUZZ_DATABASE"]
# The hook's own address as the trusted proxy reports it: the fuzzer's failed logins, throttled
# per client address, never lock the hook out.
HOOK_CLIENT = {"X-Forwarded-For": "192.0.2.1"}


def login():
    return requests.post(
        f"{BASE}/api/v1/session",
        json={"username": USER, "password": PASSWORD},
        headers=HOOK_CLIENT,
        timeout=10,
    )


@schemathesis.auth(refresh_interval=None)
class FreshSession:
    def get(self, case, ctx):
        answer = login()
        if answer.status_code == 401:
            subprocess.run(
                [BINARY, "user", "password", USER, "--password-stdin", "--database", DATABASE],
                input=PASSWORD.encode(),
                check=True,
                stdout=subprocess.DEVNULL,
            )
            answer = login()
        answer.raise_for_status()
        return answer.json()["token"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
