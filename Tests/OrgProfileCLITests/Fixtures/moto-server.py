"""moto's server (what moto_server runs) on a free loopback port, for one live test.

Usage: moto-server.py
Prints the port once the socket listens (a request made after that waits in its queue, never
refused), then serves until killed.
"""
import threading

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
threading.Event().wait()
