# Shared helpers for hack/ scripts (sourced, not run).

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# gen_secret: prints a random 32-character URL-safe secret.
gen_secret() {
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32
}

# alive PID: true while PID runs (a zombie counts as gone).
alive() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != "Z" ]
}

# with_default_signals CMD ARGS...: runs CMD with an empty signal mask. A parent such as a Swift test
# process (NIO/Dispatch block signals in their threads) passes its blocked set down through fork+exec;
# a server started with SIGTERM blocked ignores stop_pid's TERM until the 30 s SIGKILL fallback.
with_default_signals() {
  python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

# stop_pid FILE [SIGNAL]: stops the process whose pid is in FILE (never by name) and waits for it.
stop_pid() {
  local file="$1" sig="${2:-TERM}" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if [ -n "$pid" ] && alive "$pid"; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do
      alive "$pid" || break
      sleep 0.05
    done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
  fi
  rm -f "$file"
}
