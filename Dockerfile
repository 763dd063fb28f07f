# Build and run the API. The database comes from ConnectionStrings__Commentary (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Commentary.Api/Commentary.Api.csproj src/Commentary.Api/
COPY src/Commentary.Text/Commentary.Text.csproj src/Commentary.Text/
RUN dotnet restore src/Commentary.Api/Commentary.Api.csproj
COPY src/ src/
RUN dotnet publish src/Commentary.Api/Commentary.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Commentary.Api.dll"]
