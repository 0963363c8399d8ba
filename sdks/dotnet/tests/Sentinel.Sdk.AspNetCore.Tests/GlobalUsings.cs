global using Xunit;

// Servers started through Sentinel.Tests fixtures are stopped after the last test of this assembly too.
[assembly: Xunit.TestFramework("Sentinel.Tests.Support.SentinelTestFramework", "Sentinel.Tests")]
