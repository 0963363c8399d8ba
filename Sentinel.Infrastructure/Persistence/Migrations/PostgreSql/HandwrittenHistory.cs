using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations.PostgreSql;

// The hand-written migrations both providers shared before dotnet-ef (docs/decisions/005, 028), under their original
// ids: databases created by them have these ids in __EFMigrationsHistory and keep upgrading from there. Migrations
// after them are generated per provider by `dotnet ef migrations add` (scripts/add-migration.sh).

[DbContext(typeof(PostgresSentinelDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Handwritten.Initial;

[DbContext(typeof(PostgresSentinelDbContext))]
[Migration("20261122010000_ApiKeysAndRetention")]
public sealed class ApiKeysAndRetention : Handwritten.ApiKeysAndRetention;

[DbContext(typeof(PostgresSentinelDbContext))]
[Migration("20261125000000_PortalAdministration")]
public sealed class PortalAdministration : Handwritten.PortalAdministration;

// Its attributes and target model (the model at that point, which SQLite needs to rebuild tables when the next
// migration is rolled back) are in the .Designer.cs file beside this one, written by dotnet ef.
public sealed partial class TrustStorage : Handwritten.TrustStorage;
