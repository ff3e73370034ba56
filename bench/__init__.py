"""The performance benchmark (`make bench`): seeding at scale, a gunicorn server, a client."""
