namespace Sentinel.Domain.Analytics;

/// <summary>Field limits of an API event; documented in the README and the OpenAPI description.</summary>
public static class ApiEventLimits
{
    public const int IdMaxLength = 64;
    public const int MethodMaxLength = 16;
    public const int HostMaxLength = 255;
    public const int PathMaxLength = 2048;
    public const int RouteMaxLength = 512;
    public const int EnvironmentMaxLength = 64;
    public const int ConsumerIdMaxLength = 128;
    public const int UserAgentMaxLength = 512;
    public const int IpMaxLength = 45;
    public const int SdkFieldMaxLength = 64;
    public const int ErrorMaxLength = 2048;
    public const int MaxHeaders = 64;
    public const int HeaderValueMaxLength = 1024;
    public const double MaxDurationMs = 3_600_000;
    public const string DefaultEnvironment = "production";
}
