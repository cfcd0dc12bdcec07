"""An endpoint that misbehaves as a hostile or broken service might, for the live reader's
bounds tests. Every request is answered by MODE:

  redirect URL   301 to URL (the request's method and body not repeated there)
  same-token     a page of no instances whose NextToken is always "again"
  huge           200 with a JSON body of 40 MiB
  slow           200 with the headers at once, then one byte of body a second
  html500        500 with a many-line HTML body
  hostile        400 whose message holds terminal escapes and many lines
  record         200 {"Instances": []} (a harmless answer), after logging the request

Usage: hostile-aws.py MODE [URL] [--log FILE] [--tls CERT KEY]
Prints the port it listens on (127.0.0.1), then serves until killed. --log: one JSON line
per request, with its method, path and headers. --tls: serve https with this certificate.
"""
import argparse
import http.server
import json
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("mode")
parser.add_argument("url", nargs="?")
parser.add_argument("--log")
parser.add_argument("--tls", nargs=2)
options = parser.parse_args()
log = open(options.log, "a", buffering=1) if options.log else None
lock = threading.Lock()


class Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/x-amz-json-1.1", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        if log:
            with lock:
                log.write(json.dumps({"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                                      "body": body.decode("utf-8", "replace")}) + "\n")
        mode = options.mode
        if mode == "redirect":
            self.answer(301, b"", headers=[("Location", options.url)])
        elif mode == "same-token":
            self.answer(200, json.dumps({"Instances": [], "NextToken": "again"}).encode())
        elif mode == "huge":
            size = 40 << 20
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(40):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif mode == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif mode == "html500":
            page = "<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n" + "<p>oops</p>\n" * 50 + "</body>\n</html>\n"
            self.answer(500, page.encode(), content_type="text/html")
        elif mode == "hostile":
            message = "Denied \x1b]0;owned\x07\x1b[2J" + "x" * 500 + "\nsecond line\n\x1b[31mthird"
            self.answer(400, json.dumps({"__type": "AccessDeniedException", "message": message}).encode(),
                        headers=[("x-amzn-ErrorType", "AccessDeniedException")])
        else:
            self.answer(200, json.dumps({"Instances": []}).encode())

    do_POST = handle_any
    do_GET = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
server.daemon_threads = True
if options.tls:
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*options.tls)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
