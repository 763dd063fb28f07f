namespace Commentary.Api.Platform.Database.LocalPostgres;

public sealed class LocalPostgresUnavailableException(string message) : StartupConfigurationException(message);
