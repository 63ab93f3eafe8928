# claimdesk: build a static-ish release binary, run it on a slim Debian.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY migrations migrations
COPY templates templates
COPY benches benches
COPY examples examples
RUN cargo build --release --locked --bin claimdesk

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/claimdesk --create-home claimdesk
COPY --from=build /src/target/release/claimdesk /usr/local/bin/claimdesk
USER claimdesk
WORKDIR /var/lib/claimdesk
ENV CLAIMDESK_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["claimdesk"]
CMD ["serve"]
