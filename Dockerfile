# Production image of Sentinel: one ASP.NET Core host (portal, public API, workers).
# Build: docker build -t sentinel .   Run: see README ("Production").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY Sentinel.Domain/Sentinel.Domain.csproj Sentinel.Domain/
COPY Sentinel.Infrastructure/Sentinel.Infrastructure.csproj Sentinel.Infrastructure/
COPY Sentinel.Web/Sentinel.Web.csproj Sentinel.Web/
RUN dotnet restore Sentinel.Web/Sentinel.Web.csproj
COPY Sentinel.Domain/ Sentinel.Domain/
COPY Sentinel.Infrastructure/ Sentinel.Infrastructure/
COPY Sentinel.Web/ Sentinel.Web/
RUN dotnet publish Sentinel.Web/Sentinel.Web.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# curl for the container health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    Sentinel__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data
VOLUME /data
# The 'app' user (uid 1654) ships with the .NET images.
USER app
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Sentinel.Web.dll"]
