using Sentinel.Domain.Trust.Fusion;

namespace Sentinel.Infrastructure.Trust.Settings;

/// <summary>A trust policy that cannot be used; <see cref="Problems"/> names each field and what is wrong with it.</summary>
public sealed class TrustPolicyException : ArgumentException
{
    public TrustPolicyException(IReadOnlyList<TrustPolicyProblem> problems)
        : base(string.Join(" ", (problems ?? throw new ArgumentNullException(nameof(problems))).Select(p => p.Message)))
    {
        Problems = problems;
    }

    public IReadOnlyList<TrustPolicyProblem> Problems { get; }
}
