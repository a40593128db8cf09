"""gunicorn's settings for `bin/produksi web` (docs/deploy.md); each from the environment."""

import multiprocessing
import os

from dinsos.env import env_bool, env_int, env_list, env_str, read_env_file

# The same file the settings read, when the environment names one (manual runs; systemd's
# EnvironmentFile= puts it in the environment itself).
read_env_file(os.environ.get("DINSOS_ENV_FILE", ""))

# 127.0.0.1:8000 behind a proxy on the same server; `unix:/run/dinsos/web.sock` for a socket;
# 0.0.0.0:8000 (with a firewall) when the proxy is another machine.
bind = env_str("DINSOS_BIND", "127.0.0.1:8000").split(",")
# Sync workers: each renders PDFs (≈ 100 MiB) and holds one database connection.
workers = env_int("DINSOS_GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8), minimum=1)
# A request past this is killed (a large upload, a batch of signatures in the request).
timeout = env_int("DINSOS_GUNICORN_TIMEOUT", 120, minimum=1)
# On SIGTERM (systemctl stop, an upgrade), requests under way get this long to finish.
graceful_timeout = env_int("DINSOS_GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = 5
# A fresh process now and then keeps the memory WeasyPrint and lxml fragment in check.
max_requests = env_int("DINSOS_GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = max_requests // 10
# Uploads are spooled here and workers beat here: memory, not a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# X-Forwarded-* are believed from our proxies only (Django reads them: DINSOS_PROXY_TEPERCAYA).
forwarded_allow_ips = (
    ",".join(a for a in env_list("DINSOS_PROXY_TEPERCAYA") if a != "unix") or "127.0.0.1"
)
proc_name = "dinsos-web"
# gunicorn 27's control socket sits in $HOME or $XDG_RUNTIME_DIR, which a service account lacks
# and two instances on one server would share; systemd and signals do its work here.
control_socket_disable = True
# The app logs one line per request itself, with its request id (layanan.operasi.jejak);
# gunicorn's own access log stays off.
accesslog = None
errorlog = "-"
if env_bool("DINSOS_LOG_JSON", default=not env_bool("DJANGO_DEBUG")):
    _konsol = {
        "class": "logging.StreamHandler",
        "filters": ["rahasia"],
        "formatter": "json",
        "stream": "ext://sys.stderr",
    }
    logconfig_dict = {
        "filters": {"rahasia": {"()": "layanan.operasi.jejak.SaringRahasia"}},
        "formatters": {"json": {"()": "layanan.operasi.jejak.FormatJson"}},
        "handlers": {"console": _konsol, "error_console": _konsol},
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }
