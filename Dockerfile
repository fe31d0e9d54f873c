# syntax=docker/dockerfile:1
# aisle in a container: one static binary in an otherwise empty image.
#
#   docker build -t aisle .
#   docker run -d --name aisle --restart unless-stopped --read-only \
#       -p 8080:8080 -v aisle-data:/data aisle
#
# Stages:
#   builder   compiles the static binary for the build platform with scripts/build-release
#             (x86_64 and aarch64: musl; armv7: static glibc), checking that it serves;
#   prebuilt  takes an already built binary instead (--build-arg BINARY=prebuilt, with
#             --build-arg PREBUILT=dist/aisle-<arch>-linux); scripts/build-image uses it
#             to build the runtime stage with buildah on a machine without a Docker engine;
#   runtime   the image: FROM scratch, /aisle, an empty /data owned by the non-root user,
#             nothing else. Every write goes to /data (TMPDIR too), so the root file system
#             can be read-only.

ARG BINARY=builder

FROM docker.io/library/rust:1-bookworm AS builder
WORKDIR /src
COPY . .
RUN rm -rf dist \
 && scripts/build-release native \
 && mkdir -p /out/data \
 && cp dist/aisle-*-linux /out/aisle

FROM scratch AS prebuilt
ARG PREBUILT=dist/aisle-x86_64-linux
COPY ${PREBUILT} /out/aisle
WORKDIR /out/data

FROM ${BINARY} AS binary

FROM scratch AS runtime
COPY --from=binary /out/aisle /aisle
COPY --from=binary --chown=10001:10001 /out/data /data
USER 10001:10001
ENV AISLE_DATA_DIR=/data \
    TMPDIR=/data
VOLUME /data
EXPOSE 8080
# `aisle healthcheck` asks http://127.0.0.1:8080/health/ready; after moving the port, set
# AISLE_HEALTHCHECK_URL to match.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["/aisle", "healthcheck"]
ENTRYPOINT ["/aisle"]
CMD ["serve"]
