# orgprofile in a container, for CI jobs that run in containers (docs/ci.md).
#   docker build -t orgprofile .
#   docker run --rm -v "$PWD:/work" -w /work orgprofile validate org.yaml

# Build: the official Swift image, libyaml's static library, the release binary as scripts/release.sh builds it.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libyaml-dev pkg-config git && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/release.sh && mkdir /out && tar -xzf release/orgprofile-*.tar.gz -C /out --strip-components=1

# Run: only what the binary needs (libc, libm, libstdc++, libgcc_s, as ldd shows in scripts/release-check.sh), and
# git for diff --base.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libstdc++6 git ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/orgprofile /usr/local/bin/orgprofile
COPY --from=build /out/orgprofile.1 /usr/local/share/man/man1/orgprofile.1
ENTRYPOINT ["orgprofile"]
