"""A real SMTP server on loopback for Klaxon's email tests (aiosmtpd).

Prints "READY <port>" once listening, then writes each message it receives to the JSON-lines file given as the
first argument: {"from": ..., "to": [...], "data": "<the whole message>"}. Optionally requires AUTH PLAIN/LOGIN
with the user and password given as the second and third arguments. Refuses any recipient whose address starts
with "refused-" (550, as for an unknown mailbox) and, for now, one starting with "greylisted-" (451), as real servers
do. Exits when stdin closes.
"""
import json
import warnings
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, path):
        self.path = path

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused-"):
            return "550 5.1.1 No such user"
        if address.startswith("greylisted-"):
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "authenticated": bool(session.authenticated),
            }) + "\n")
        return "250 Message accepted for delivery"


def main():
    path = sys.argv[1]
    user, password = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else (None, None)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    kwargs = {}
    warnings.simplefilter("ignore")
    if user is not None:
        kwargs = {"authenticator": authenticate, "auth_require_tls": False, "auth_required": True}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(path), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(f"READY {port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
