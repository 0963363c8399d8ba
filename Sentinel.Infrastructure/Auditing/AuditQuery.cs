using Sentinel.Domain.Auditing;

namespace Sentinel.Infrastructure.Auditing;

/// <summary>
/// One page of the audit log: optional filters (actor text, exact action, project, time range in UTC), a sort
/// column (<see cref="SortColumns"/>) and a zero-based page.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 200;

    public static readonly IReadOnlyList<string> SortColumns = [nameof(AuditEntry.At), nameof(AuditEntry.Actor), nameof(AuditEntry.Action), nameof(AuditEntry.Subject)];

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public Guid? ProjectId { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string SortBy { get; init; } = nameof(AuditEntry.At);

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>The entries of one page and how many match the filters in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);
