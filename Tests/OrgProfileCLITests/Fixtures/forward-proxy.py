"""A forward proxy for the live tests: tunnels each CONNECT to its target and logs it.

Usage: forward-proxy.py --log FILE
Prints the port it listens on (127.0.0.1), then serves until killed. Each CONNECT is one
line of the log: "CONNECT HOST:PORT" and, when the client sent one, its Proxy-Authorization.
A plain request for an absolute URL is logged as "METHOD URL" and refused (502): the
in-process reader tunnels everything.
"""
import argparse
import http.server
import select
import socket
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
options = parser.parse_args()
log = open(options.log, "a", buffering=1)
lock = threading.Lock()


def record(line):
    with lock:
        log.write(line + "\n")


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        authorization = self.headers.get("Proxy-Authorization")
        record(f"CONNECT {self.path}" + (f" {authorization}" if authorization else ""))
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            self.send_error(502)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 60)
                if not readable:
                    break
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()
            self.close_connection = True

    def refuse(self):
        record(f"{self.command} {self.path}")
        self.send_error(502)

    do_GET = refuse
    do_POST = refuse


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
