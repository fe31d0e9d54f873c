"""Open Food Facts and Open Prices as an empty world, on loopback, for scripts/test-openapi:
every barcode is unknown, every search finds nothing, no product has prices. Only the
shapes aisle reads (src/lookup/providers.rs) are answered. Prints its port, then serves
until killed."""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = urlparse(self.path).path
        if path.startswith("/api/v2/product/"):
            code = path.rsplit("/", 1)[-1]
            body = {"code": code, "status": 0, "status_verbose": "product not found"}
        elif path == "/cgi/search.pl":
            body = {"count": 0, "page": 1, "page_size": 10, "products": []}
        elif path == "/api/v1/prices":
            body = {"items": [], "total": 0, "page": 1, "size": 50, "pages": 0}
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
