namespace Sentinel.Domain.Trust.Fusion;

/// <summary>
/// What one model concluded from one signal: a named reason, the measured value, and its contribution as a
/// log-likelihood ratio (positive = more human, negative = more bot-like or less like this user).
/// </summary>
/// <param name="Model">physics, anomaly or pattern.</param>
/// <param name="Reason">Stable signal name, e.g. <c>keystroke.rhythm_distance</c> (see <see cref="Signals"/>).</param>
/// <param name="Value">The measurement behind it, in the signal's own unit.</param>
/// <param name="Weight">
/// The contribution to the session's log-odds of "human": in a verdict, after the fusion's caps, so the reasons add
/// up to the score.
/// </param>
/// <param name="Observations">How many observations (events, samples) support it: the amount of evidence.</param>
/// <param name="Conclusive">
/// Input no browser and hand produce (script-dispatched events, impossible values, an exact replay): may decide a
/// BLOCK alone. Everything else is soft and needs a second, independent test to agree (see <see cref="TrustPolicy"/>).
/// </param>
public sealed record Evidence(string Model, string Reason, double Value, double Weight, int Observations, bool Conclusive = false)
{
    /// <summary>The independent test this signal belongs to; two soft signals of one test count as one opinion.</summary>
    public string Test => Signals.TestOf(Reason);
}
