# The portal's image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core fonts-liberation2 gettext ffmpeg \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY . .
RUN SECRET_KEY=build-only FIELD_ENCRYPTION_KEYS=build-only python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 portal && mkdir -p /app/var/uploads && chown -R portal /app/var
USER portal
EXPOSE 8000
# Behind deploy/nginx.conf only (docker-compose.yml): the config redacts tokens from its logs.
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "weerbaar.wsgi:application"]
