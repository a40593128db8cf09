"""Running in production: the request id and JSON log lines, the health endpoint, the worker's
heartbeat (docs/deploy.md)."""
