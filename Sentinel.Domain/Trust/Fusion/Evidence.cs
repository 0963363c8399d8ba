namespace Sentinel.Domain.Trust.Fusion;

/// <summary>
/// What one model concluded from one signal: a named reason, the measured value, and its weight as a
/// log-likelihood ratio (positive = more human, negative = more bot-like or less like this user).
/// </summary>
/// <param name="Model">physics, anomaly or pattern.</param>
/// <param name="Reason">Stable signal name, e.g. <c>keystroke.rhythm_distance</c>.</param>
/// <param name="Value">The measurement behind it, in the signal's own unit.</param>
/// <param name="Weight">Log-likelihood ratio, clamped by the fusion to ±<see cref="TrustFusion.MaxWeightPerReason"/>.</param>
/// <param name="Observations">How many observations (events, samples) support it: the amount of evidence.</param>
public sealed record Evidence(string Model, string Reason, double Value, double Weight, int Observations);
