FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizers ./summarizers
COPY textkit ./textkit
COPY config ./config
COPY samples ./samples
RUN pip install '.[postgres]' && useradd --create-home newsbrief && mkdir -p /app/data && chown newsbrief /app/data
USER newsbrief
VOLUME ["/app/data"]
CMD ["newsbrief", "run"]
