# Sourced by the screenshot scripts: `serve_dist DIR PORT NAME` serves DIR on 127.0.0.1:PORT
# with Python's http.server in the background (module scripts do not load from file://),
# sets $server to its pid, waits until it accepts connections, and fails with a message
# naming NAME if it could not start. The caller stops it (kill "$server").
serve_dist() {
  local dir="$1" port="$2" name="$3"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do
    python3 - "$port" <<'PY' && break
import socket, sys
s = socket.socket()
s.settimeout(0.2)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
    sleep 0.1
  done
  sleep 0.3  # a server that could not bind the port has exited by now
  kill -0 "$server" 2>/dev/null || { echo "$name: the server on port $port did not start" >&2; return 1; }
}
